import { rm } from 'node:fs/promises';
import { extname } from 'node:path';
import { ffmpegPath, run } from '../../adapters/media/ffmpeg';

export type ClipCodec = 'h264' | 'hevc' | 'vp9' | 'av1' | 'ffv1';

export interface ClipOptions {
  readonly seconds?: number;
  readonly width?: number;
  readonly height?: number;
  readonly rate?: number;
  /** 'tone': a sine throughout; 'none': no audio track. */
  readonly audio?: 'tone' | 'none';
  /** 'bars': ffmpeg's test pattern; 'black': a black picture. */
  readonly picture?: 'bars' | 'black';
  /** Stored landscape with a display rotation, as a phone held upright records (MP4/MOV). */
  readonly rotate?: 90 | 270;
  /** The video codec; H.264 unless said. The container follows the file's extension. */
  readonly codec?: ClipCodec;
}

// Fast settings: the clips are tiny and only need to be what a camera or an export would have written.
const videoCodecArgs: Record<ClipCodec, readonly string[]> = {
  h264: ['-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p'],
  hevc: ['-c:v', 'libx265', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-tag:v', 'hvc1', '-x265-params', 'log-level=error'],
  vp9: ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '500k', '-pix_fmt', 'yuv420p'],
  av1: ['-c:v', 'libaom-av1', '-strict', 'experimental', '-cpu-used', '8', '-b:v', '300k', '-lag-in-frames', '0', '-pix_fmt', 'yuv420p'],
  ffv1: ['-c:v', 'ffv1'],
};

// MPEG-TS in its three spellings: .mts and .m2ts are what AVCHD cameras and Blu-ray write (192-byte packets).
const containerArgs = (path: string): readonly string[] => {
  const extension = extname(path).toLowerCase();
  if (extension === '.ts') return ['-f', 'mpegts'];
  if (extension === '.mts' || extension === '.m2ts') return ['-f', 'mpegts', '-mpegts_m2ts_mode', '1'];
  return [];
};

const audioCodecArgs = (path: string) => (extname(path).toLowerCase() === '.webm' ? ['-c:a', 'libopus'] : ['-c:a', 'aac']);

/** Writes a small clip made by ffmpeg's test sources: what tests and benchmarks upload instead of real footage. */
// ffmpeg drops a rotate tag given to an encode; a stream copy keeps it (as the display matrix a phone writes).
const rotate = async (path: string, degrees: number) => {
  const upright = `${path}.upright${extname(path)}`;
  await run(ffmpegPath, ['-v', 'error', '-y', '-i', upright, '-map', '0', '-c', 'copy', '-metadata:s:v:0', `rotate=${degrees}`, path]);
  await rm(upright);
};

const pictureSource = ({ seconds = 2, width = 320, height = 240, rate = 25, picture = 'bars' }: ClipOptions) =>
  `${picture === 'black' ? 'color=c=black:' : 'testsrc='}size=${width}x${height}:rate=${rate}:duration=${seconds}`;

export const makeTestClip = async (path: string, options: ClipOptions = {}): Promise<void> => {
  const { seconds = 2, audio = 'tone', codec = 'h264' } = options;
  const video = pictureSource(options);
  await run(ffmpegPath, [
    '-v', 'error', '-y', '-f', 'lavfi', '-i', video,
    ...(audio === 'tone' ? ['-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`, ...audioCodecArgs(path)] : []),
    ...videoCodecArgs[codec], ...containerArgs(path), '-shortest', options.rotate === undefined ? path : `${path}.upright${extname(path)}`,
  ]);
  if (options.rotate !== undefined) await rotate(path, options.rotate);
};
