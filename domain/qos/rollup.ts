import type { SessionQoe } from './sessionQoe';

/**
 * Mergeable QoE aggregates: what the dashboard's rollups keep per series and period. Every field adds up (counts,
 * sums and a fixed histogram of video start times), so a period's aggregate is the sum of its sessions'
 * contributions, a coarser period is the sum of finer ones, and a session that changes is applied as its new
 * contribution minus its old one (rollupDelta): the rollup then equals the recomputation from the summaries.
 */
export interface QoeAggregate {
  readonly attempts: number;
  readonly plays: number;
  readonly exitsBeforeVideoStart: number;
  readonly videoStartFailures: number;
  readonly videoPlaybackFailures: number;
  /** Sessions with a start or playback failure (the error ratio's numerator). */
  readonly failures: number;
  readonly playMs: number;
  readonly stallMs: number;
  readonly bitrateKbpsMs: number;
  /** Video start time histogram: counts per bin of vstBinUpperMs. */
  readonly vst: readonly number[];
}

/**
 * Upper bounds (ms) of the video start time bins: 50 ms, then 25% wider each, to two minutes; the last bin holds
 * everything slower. A percentile of a rollup is exact to its bin: the bin's upper bound.
 */
export const vstBinUpperMs: readonly number[] = (() => {
  const bounds: number[] = [];
  for (let b = 50; b < 120_000; b *= 1.25) bounds.push(Math.round(b));
  return [...bounds, 120_000, Number.POSITIVE_INFINITY];
})();

export const vstBinOf = (ms: number): number => {
  const at = vstBinUpperMs.findIndex((upper) => ms <= upper);
  return at === -1 ? vstBinUpperMs.length - 1 : at;
};

const counterFields = ['attempts', 'plays', 'exitsBeforeVideoStart', 'videoStartFailures', 'videoPlaybackFailures', 'failures', 'playMs', 'stallMs', 'bitrateKbpsMs'] as const;
export type CounterField = (typeof counterFields)[number];
export const aggregateCounterFields: readonly CounterField[] = counterFields;

export const emptyAggregate = (): QoeAggregate => ({
  attempts: 0, plays: 0, exitsBeforeVideoStart: 0, videoStartFailures: 0, videoPlaybackFailures: 0, failures: 0, playMs: 0, stallMs: 0, bitrateKbpsMs: 0,
  vst: vstBinUpperMs.map(() => 0),
});

/** One session's contribution: 1 attempt, its flags, its times and its start time's bin. */
export const contributionOf = (s: SessionQoe): QoeAggregate => {
  const vst = vstBinUpperMs.map(() => 0);
  if (s.firstFrameAt !== undefined && s.videoStartTimeMs !== undefined) vst[vstBinOf(s.videoStartTimeMs)] = 1;
  const flag = (on: boolean) => (on ? 1 : 0);
  return {
    attempts: 1,
    plays: flag(s.firstFrameAt !== undefined),
    exitsBeforeVideoStart: flag(s.exitedBeforeStart),
    videoStartFailures: flag(s.startFailed),
    videoPlaybackFailures: flag(s.playbackFailed),
    failures: flag(s.startFailed || s.playbackFailed),
    playMs: s.playMs,
    stallMs: s.stallMs,
    bitrateKbpsMs: s.bitrateKbpsMs,
    vst,
  };
};

/** a + sign * b, field by field. */
export const combine = (a: QoeAggregate, b: QoeAggregate, sign: 1 | -1 = 1): QoeAggregate => {
  const out: Record<string, unknown> = { vst: a.vst.map((n, i) => n + sign * (b.vst[i] ?? 0)) };
  for (const field of counterFields) out[field] = a[field] + sign * b[field];
  return out as unknown as QoeAggregate;
};

export const sumAggregates = (parts: Iterable<QoeAggregate>): QoeAggregate => {
  let total = emptyAggregate();
  for (const part of parts) total = combine(total, part);
  return total;
};

export const isZeroAggregate = (a: QoeAggregate): boolean => counterFields.every((f) => a[f] === 0) && a.vst.every((n) => n === 0);
