import { outputKeys } from '../../domain/media/jobSettings';
import type { ShowState } from '../../domain/show';

/**
 * Where a transcode's manifests are: the keys its TranscodeCompleted recorded (they follow the packaging the job was
 * built with, HLS and DASH groups or CMAF), and the 'separate' layout for a transcode that recorded none yet.
 */
export const manifestKeysOf = (state: Pick<ShowState, 'transcode'>, showId: string, transcodeId: string) => {
  const fallback = outputKeys(showId, transcodeId);
  const recorded = state.transcode?.transcodeId === transcodeId ? (state.transcode.result?.outputs ?? []) : [];
  const keyOf = (format: 'hls' | 'dash') => recorded.find((output) => output.format === format)?.key;
  return { hlsMaster: keyOf('hls') ?? fallback.hlsMaster, dashManifest: keyOf('dash') ?? fallback.dashManifest };
};
