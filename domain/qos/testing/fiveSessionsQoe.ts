import type { QoeMetrics } from '../metrics';

/**
 * The QoE metrics of the five-session fixture (domain/qos/qoe.test.ts, sent again through HTTP by the player QoS e2e),
 * computed by hand: s1 plays 28 s (18 s at 3000 kbps, 10 s at 6000) with a 2 s stall; s2 plays 5 s at 2000 around a
 * seek; s3 exits before its video starts; s4 fails to start; s5 plays 4 s at 1000 and then fails.
 */
export const fiveSessionsQoe: QoeMetrics = {
  attempts: 5,
  plays: 3,
  // VST 1000, 3000, 2000: nearest rank p50 = 2nd of 3, p95 = 3rd of 3.
  videoStartTimeMs: { p50: 2000, p95: 3000 },
  rebufferingRatio: 2000 / (2000 + 28_000 + 5000 + 4000),
  exitsBeforeVideoStart: 1,
  videoStartFailures: 1,
  videoPlaybackFailures: 1,
  errorRatio: 2 / 5,
  averageBitrateKbps: (114e6 + 10e6 + 4e6) / 37_000,
  // At 9 s: s1 and s2 are playing, s5 failed at 6 s.
  concurrentViewers: 2,
};
