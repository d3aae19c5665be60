import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { defaultMachineReviewPolicy } from '../../domain/media/reviewDecision';
import { moderationCompleted } from './moderationCompleted';
import { defaultRekognitionPolicy } from './moderationConfig';
import { moderationJobsTable } from './moderationJobs';
import { createWorkflowFixture } from './testing/workflowFixture';

let fixture: Awaited<ReturnType<typeof createWorkflowFixture>>;
beforeAll(async () => {
  fixture = await createWorkflowFixture();
});
afterAll(() => fixture.dispose());

const reviewRequested = 8;
const signals = { durationSeconds: 10, blackSeconds: 0, silenceSeconds: 0 };
const review = (showId: string) => ({ showId, transcodeId: 'transcode-1', eventId: `review-requested-${showId}`, correlationId: `test-${showId}` });
const notice = (showId: string, jobId: string, Status = 'SUCCEEDED') => ({ Records: [{ Sns: { Message: JSON.stringify({ JobId: jobId, Status, API: 'StartContentModeration', JobTag: showId, Timestamp: 1 }) } }] });
const completed = (scores: Record<string, number>) => {
  const jobs = moderationJobsTable(DynamoDBDocumentClient.from(fixture.store.client), fixture.deps.config.REVIEWS_TABLE);
  const handler = moderationCompleted({
    ...fixture.deps,
    moderator: { moderate: () => Promise.reject(new Error('not here')) },
    policies: { media: defaultMachineReviewPolicy, moderation: defaultRekognitionPolicy },
    moderationJobs: jobs,
    moderationResult: () => Promise.resolve({ status: 'succeeded', scores: { model: 'rekognition', framesScored: 250, scores } }),
  });
  return { jobs, handler };
};
const recorded = async (showId: string) => (await fixture.store.store.readStream(`show#${showId}`)).events.filter((e) => ['ReviewEscalated', 'ShowApproved', 'ShowRejected'].includes(e.type));

describe('a finished Rekognition moderation job (SNS notice)', () => {
  it('decides the review it was started for with the signals measured then: explicit content is rejected, with the scores', async () => {
    await fixture.showUpTo('c-1', reviewRequested);
    const { jobs, handler } = completed({ Explicit: 0.96 });
    await jobs.put(review('c-1'), 'job-1', signals);
    expect(await handler(notice('c-1', 'job-1'))).toEqual([{ jobId: 'job-1', decided: true, decision: 'reject' }]);
    const [rejected] = await recorded('c-1');
    expect(rejected).toMatchObject({ type: 'ShowRejected', actor: { id: 'machine-reviewer' }, data: { reason: 'CONTENT_POLICY', message: 'Content moderation: Explicit 0.96 (reject at 0.90).', assessment: { moderation: { model: 'rekognition', scores: { Explicit: 0.96 } } } } });
  });

  it('sends a failed job to a human, saying so', async () => {
    await fixture.showUpTo('c-2', reviewRequested);
    const { jobs, handler } = completed({});
    await jobs.put(review('c-2'), 'job-2', signals);
    await handler(notice('c-2', 'job-2', 'FAILED'));
    expect(await recorded('c-2')).toMatchObject([{ type: 'ReviewEscalated', data: { reason: 'MACHINE_UNSURE', message: 'Content moderation failed: Rekognition job job-2 ended FAILED.' } }]);
  });

  it('changes nothing for a job the show no longer waits for', async () => {
    await fixture.showUpTo('c-3', reviewRequested);
    const { jobs, handler } = completed({ Explicit: 0.99 });
    await jobs.put(review('c-3'), 'job-new', signals);
    expect(await handler(notice('c-3', 'job-old'))).toEqual([{ jobId: 'job-old', decided: false }]);
    expect(await recorded('c-3')).toEqual([]);
  });
});
