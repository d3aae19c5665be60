import type { ShowEvent } from './events';
import { judgesOwnWork, projectReviewEntry, reviewEventsToFold, type QueuedShowEvent, type ReviewEntry } from './reviewQueue';

const showId = 'show-1';
let clock = 0;
const at = (version: number, event: ShowEvent, actorId = 'publish-workflow', correlationId = 'run-1'): QueuedShowEvent => ({
  version,
  occurredAt: new Date(Date.UTC(2026, 2, 1, 10, 0, clock++)).toISOString(),
  actorId,
  correlationId,
  event,
});
const requested = (version: number, transcodeId = 't-1', run = 'run-1') => at(version, { type: 'ReviewRequested', data: { showId, transcodeId } }, 'publish-workflow', run);
const escalated = (version: number, transcodeId = 't-1') => at(version, { type: 'ReviewEscalated', data: { showId, transcodeId, reason: 'MACHINE_UNSURE', message: 'Not sure.' } }, 'machine-reviewer');
const approved = (version: number, transcodeId = 't-1') => at(version, { type: 'ShowApproved', data: { showId, transcodeId } }, 'reviewer-1');
const rejected = (version: number, transcodeId = 't-1') => at(version, { type: 'ShowRejected', data: { showId, transcodeId, reason: 'VIDEO_QUALITY', message: 'Black.' } }, 'machine-reviewer');
const failed = (version: number, stage: 'review' | 'publish' | 'transcode' = 'review') =>
  at(version, { type: 'ProcessingFailed', data: { showId, executionName: 'run-1', stage, error: 'Review.Unavailable', cause: 'gave up' } });
const drafted = (version: number) => at(version, { type: 'ShowMetadataUpdated', data: { showId, title: 'New title' } }, 'admin-1');

const fold = (events: readonly QueuedShowEvent[], from: ReviewEntry | null = null) => events.reduce(projectReviewEntry, from);

describe('the review queue projection', () => {
  it('has no entry until a review is requested', () => {
    expect(fold([drafted(1), drafted(2)])).toBeNull();
  });

  it('lists a requested review as pending, for the run that asked', () => {
    const given = requested(8, 't-1', 'run-7');
    expect(fold([given])).toEqual({ showId, transcodeId: 't-1', status: 'pending', executionName: 'run-7', requestedAt: given.occurredAt, escalation: null, decidedBy: null, decidedAt: null, version: 8 });
  });

  it('keeps an escalated review pending and says why a human must decide', () => {
    expect(fold([requested(8), escalated(9)])).toMatchObject({ status: 'pending', escalation: 'MACHINE_UNSURE', version: 9 });
  });

  it('records who decided and when', () => {
    const decision = approved(10);
    expect(fold([requested(8), escalated(9), decision])).toMatchObject({ status: 'approved', decidedBy: 'reviewer-1', decidedAt: decision.occurredAt, version: 10 });
    expect(fold([requested(8), rejected(9)])).toMatchObject({ status: 'rejected', decidedBy: 'machine-reviewer' });
  });

  it('abandons a pending review whose run failed, and keeps a decision that landed first', () => {
    expect(fold([requested(8), failed(9)])).toMatchObject({ status: 'abandoned', decidedBy: null, version: 9 });
    expect(fold([requested(8), approved(9), failed(10, 'publish')])).toMatchObject({ status: 'approved', decidedBy: 'reviewer-1', version: 10 });
  });

  it('ignores decisions on another transcode, and a new review starts the entry over', () => {
    expect(fold([requested(8, 't-2'), approved(9, 't-1')])).toMatchObject({ status: 'pending', transcodeId: 't-2', version: 9 });
    expect(fold([requested(8), rejected(9), requested(12, 't-2', 'reprocess-1')])).toMatchObject({ status: 'pending', transcodeId: 't-2', executionName: 'reprocess-1', decidedBy: null, decidedAt: null });
  });

  it('moves the version on for every event, reviews or not', () => {
    expect(fold([requested(8), drafted(9)])).toMatchObject({ status: 'pending', version: 9 });
  });
});

describe('which events an entry folds', () => {
  it('takes incoming events that continue the entry', () => {
    const incoming = [approved(10), drafted(11)];
    expect(reviewEventsToFold(9, true, incoming)).toEqual({ from: 'incoming', events: incoming });
  });

  it('acknowledges what was folded already', () => {
    expect(reviewEventsToFold(10, true, [approved(10)])).toEqual({ from: 'nothing' });
  });

  it('reads the store when events are missing', () => {
    expect(reviewEventsToFold(8, true, [approved(10)])).toEqual({ from: 'store' });
    expect(reviewEventsToFold(8, true, [drafted(9), drafted(11)])).toEqual({ from: 'store' });
  });

  it('starts from the latest review request, whatever came before it', () => {
    const folded = reviewEventsToFold(0, false, [requested(8), escalated(9)]);
    expect(folded.from === 'incoming' && folded.events.map((e) => e.version)).toEqual([8, 9]);
  });

  it('does nothing for a show with no review yet, unless a review event says one was missed', () => {
    expect(reviewEventsToFold(0, false, [drafted(1), drafted(2)])).toEqual({ from: 'nothing' });
    expect(reviewEventsToFold(0, false, [approved(9)])).toEqual({ from: 'store' });
    expect(reviewEventsToFold(0, false, [failed(9)])).toEqual({ from: 'store' });
  });
});

describe('who may judge a review', () => {
  const history = [
    { type: 'ShowDrafted', actorId: 'creator-1' },
    { type: 'UploadRequested', actorId: 'creator-1' },
    { type: 'ShowRejected', actorId: 'reviewer-1' },
    { type: 'UploadRequested', actorId: 'editor-2' },
    { type: 'ReviewRequested', actorId: 'publish-workflow' },
  ];

  it('refuses whoever drafted the show or uploaded one of its sources', () => {
    expect(judgesOwnWork(history, 'creator-1')).toBe(true);
    expect(judgesOwnWork(history, 'editor-2')).toBe(true);
  });

  it('lets anyone else judge, a reviewer who judged it before included', () => {
    expect(judgesOwnWork(history, 'reviewer-1')).toBe(false);
    expect(judgesOwnWork(history, 'reviewer-9')).toBe(false);
  });
});
