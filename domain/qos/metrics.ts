import type { SessionQoe } from './sessionQoe';

export interface QoeMetrics {
  readonly attempts: number;
  readonly plays: number;
  readonly videoStartTimeMs: { readonly p50: number | null; readonly p95: number | null };
  readonly rebufferingRatio: number | null;
  readonly exitsBeforeVideoStart: number;
  readonly videoStartFailures: number;
  readonly videoPlaybackFailures: number;
  /** Failed sessions (start or playback) over attempts: what the error-ratio alert watches. */
  readonly errorRatio: number | null;
  readonly averageBitrateKbps: number | null;
  readonly concurrentViewers: number;
}

/** Nearest-rank percentile: an actual observed value, so a hand-computed fixture can state it exactly. */
const nearestRank = (values: readonly number[], p: number): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? null;
};

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/**
 * The QoE metrics of the sessions attempted in one bucket. Computed from per-session summaries (each counted
 * once, whatever was redelivered), never by adding to counters, so a replay cannot double anything.
 * Concurrent viewers: sessions playing at `at` (first frame before it, not ended before it).
 */
export const qoeMetrics = (sessions: readonly SessionQoe[], at: string): QoeMetrics => {
  const plays = sessions.filter((s) => s.firstFrameAt !== undefined);
  const playMs = sessions.reduce((sum, s) => sum + s.playMs, 0);
  const stallMs = sessions.reduce((sum, s) => sum + s.stallMs, 0);
  const failures = sessions.filter((s) => s.startFailed || s.playbackFailed).length;
  const vst = plays.flatMap((s) => (s.videoStartTimeMs === undefined ? [] : [s.videoStartTimeMs]));
  return {
    attempts: sessions.length,
    plays: plays.length,
    videoStartTimeMs: { p50: nearestRank(vst, 50), p95: nearestRank(vst, 95) },
    rebufferingRatio: ratio(stallMs, stallMs + playMs),
    exitsBeforeVideoStart: sessions.filter((s) => s.exitedBeforeStart).length,
    videoStartFailures: sessions.filter((s) => s.startFailed).length,
    videoPlaybackFailures: sessions.filter((s) => s.playbackFailed).length,
    errorRatio: ratio(failures, sessions.length),
    averageBitrateKbps: ratio(sessions.reduce((sum, s) => sum + s.bitrateKbpsMs, 0), playMs),
    concurrentViewers: plays.filter((s) => (s.firstFrameAt ?? at) <= at && (s.endedAt === undefined || s.endedAt > at)).length,
  };
};
