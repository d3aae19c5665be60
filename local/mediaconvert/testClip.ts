import { ffmpegPath, run } from '../../adapters/media/ffmpeg';

export interface ClipOptions {
  readonly seconds?: number;
  readonly width?: number;
  readonly height?: number;
  /** 'tone': a sine throughout; 'none': no audio track. */
  readonly audio?: 'tone' | 'none';
  /** 'bars': ffmpeg's test pattern; 'black': a black picture. */
  readonly picture?: 'bars' | 'black';
}

/** Writes a small MP4 made by ffmpeg's test sources: what tests and benchmarks upload instead of real footage. */
export const makeTestClip = async (path: string, options: ClipOptions = {}): Promise<void> => {
  const { seconds = 2, width = 320, height = 240, audio = 'tone', picture = 'bars' } = options;
  const video = picture === 'black' ? `color=c=black:size=${width}x${height}:rate=25:duration=${seconds}` : `testsrc=size=${width}x${height}:rate=25:duration=${seconds}`;
  await run(ffmpegPath, [
    '-v', 'error', '-y', '-f', 'lavfi', '-i', video,
    ...(audio === 'tone' ? ['-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`, '-c:a', 'aac'] : []),
    '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-shortest', path,
  ]);
};
