import { ffmpegPath, run } from '../../adapters/media/ffmpeg';
import type { MediaSignals } from '../../domain/media/reviewDecision';

const sum = (text: string, pattern: RegExp): number => [...text.matchAll(pattern)].reduce((total, match) => total + Number(match[1] ?? 0), 0);

/**
 * Measures black picture and silence with ffmpeg's blackdetect and silencedetect in one decode. `hasAudio` comes
 * from the probe: silencedetect says nothing about a missing track.
 */
export const measureSignals = async (url: string, durationSeconds: number, hasAudio: boolean): Promise<MediaSignals> => {
  const { stderr } = await run(ffmpegPath, [
    '-v', 'info', '-nostats', '-i', url,
    '-vf', 'blackdetect=d=0.1:pix_th=0.10',
    ...(hasAudio ? ['-af', 'silencedetect=n=-50dB:d=0.5'] : ['-an']),
    '-f', 'null', '-',
  ]);
  return {
    durationSeconds,
    blackSeconds: sum(stderr, /black_duration:\s*([\d.]+)/g),
    silenceSeconds: hasAudio ? sum(stderr, /silence_duration:\s*([\d.]+)/g) : null,
  };
};
