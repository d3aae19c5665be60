import type { LocalJob } from '../jobs';

/** A job of the local MediaConvert's store, transcoding at 42%, with `overrides` on top. */
export const progressingJob = (id: string, overrides: Partial<LocalJob> = {}): LocalJob => ({
  id,
  arn: `arn:aws:mediaconvert:eu-west-1:000000000000:jobs/${id}`,
  role: 'arn:aws:iam::000000000000:role/mc',
  queue: 'arn:aws:mediaconvert:eu-west-1:000000000000:queues/Default',
  settings: { OutputGroups: [] },
  userMetadata: { showId: 'show-1', transcodeId: `t-${id}` },
  createdAt: new Date('2026-03-01T10:00:00Z'),
  status: 'PROGRESSING',
  currentPhase: 'TRANSCODING',
  percentComplete: 42,
  startedAt: new Date('2026-03-01T10:00:01Z'),
  finishedAt: null,
  outputGroupDetails: null,
  error: null,
  ...overrides,
});
