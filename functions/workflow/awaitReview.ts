import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { z } from 'zod';
import { eventBridgeClient } from '../runtime/sdk/eventBridge';
import { workflowConfig } from './config';
import { createReviews } from './reviews';
import { parseTaskInput, preparedRunSchema, record, workflowActor } from './workflowInput';

const inputSchema = z.object({
  run: preparedRunSchema,
  taskToken: z.string().min(1),
  /** Set on the wait after an escalation: the review is already requested, only its token changes. */
  escalation: z.string().optional(),
});

/** The notification the machine reviewer subscribes to, put on the bus by the workflow itself (see README). */
export const reviewRequestedNotification = { source: 'showrunner.workflow', detailType: 'ReviewRequested' } as const;

/**
 * The `.waitForTaskToken` task of the review: records the review request, stores the token where the decision
 * endpoint finds it, and announces the review. The workflow waits until a decision sends the token back.
 */
export const handler = async (event: unknown) => {
  const { run, taskToken, escalation } = parseTaskInput(inputSchema, event);
  const { transcodeId } = run.prepared;
  const config = workflowConfig();
  const reviews = createReviews(config.REVIEWS_TABLE);
  if (escalation !== undefined) {
    await reviews.escalate(run.showId, transcodeId, escalation, taskToken);
    return { waiting: true };
  }
  await record(run, 'review-requested', { type: 'RequestReview', showId: run.showId, now: new Date().toISOString(), actor: workflowActor });
  await reviews.putPending({ showId: run.showId, transcodeId, taskToken, executionName: run.executionName, requestedAt: new Date().toISOString() });
  await eventBridgeClient().send(
    new PutEventsCommand({
      Entries: [
        {
          EventBusName: config.EVENT_BUS_NAME,
          Source: reviewRequestedNotification.source,
          DetailType: reviewRequestedNotification.detailType,
          Detail: JSON.stringify({ showId: run.showId, transcodeId, source: { bucket: run.bucket, key: run.key } }),
        },
      ],
    }),
  );
  return { waiting: true };
};
