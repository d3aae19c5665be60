import * as z from 'zod';
import { route } from '../http/route';

const tag = 'Operations';

const recordSchema = z.strictObject({
  sequenceNumber: z.string(),
  eventName: z.string().describe('INSERT, MODIFY or REMOVE'),
  keys: z.record(z.string(), z.string()).describe("the item's key attributes (for the events table: the event's stream and version)"),
});

const deadLetterSchema = z.strictObject({
  messageId: z.string().describe('the SQS message id: what the redrive takes'),
  function: z.string().describe('the stream consumer that gave up on the batch'),
  functionArn: z.string(),
  condition: z.string().describe('why Lambda gave up, e.g. RetryAttemptsExhausted'),
  functionError: z.string().nullable().describe('`Unhandled` when the function failed; null when it reported batch item failures'),
  invokeCount: z.number().int().describe('how many times the batch was tried'),
  failedAt: z.string().describe('when Lambda gave up on it'),
  streamArn: z.string(),
  shardId: z.string(),
  startSequenceNumber: z.string(),
  endSequenceNumber: z.string(),
  batchSize: z.number().int(),
  firstRecordAt: z.string(),
  lastRecordAt: z.string(),
  records: z.strictObject({
    retained: z.boolean().describe('whether the stream still holds the whole batch (DynamoDB keeps records 24 hours): only then can it be redriven'),
    note: z.string().nullable().describe('why not, when not'),
    items: z.array(recordSchema).describe('the records read back from the stream, in order (those still there, when not retained)'),
  }),
});

export const messageIdsSchema = z.strictObject({
  messageIds: z
    .array(z.string().trim().min(1, 'must not be empty: copy it from GET /operations/stream-dead-letters').max(100))
    .min(1, 'must name at least one message: the messageId of an item of GET /operations/stream-dead-letters')
    .max(10, 'must name at most 10 messages: each is replayed in turn within the request')
    .refine((ids) => new Set(ids).size === ids.length, 'must not name a message twice'),
});

const redriveResultSchema = z.strictObject({
  messageId: z.string(),
  outcome: z.enum(['redriven', 'failed', 'records_missing', 'unreadable', 'not_found']).describe('only `redriven` deleted the message'),
  function: z.string().optional(),
  recordsReplayed: z.number().int().optional(),
  missingFrom: z.string().optional().describe('the first sequence number the stream no longer holds'),
  found: z.array(recordSchema).optional().describe('what is left of the batch in the stream (records_missing)'),
  message: z.string().describe('what happened, in words'),
});

/** The stream dead-letter queue: what stream consumers gave up on, and its replay (functions/operations/README.md). */
export const operationsRoutes = {
  listStreamDeadLetters: route({
    routeKey: 'GET /operations/stream-dead-letters', operationId: 'listStreamDeadLetters', tag, access: { roles: ['admin', 'operator'] },
    summary: 'The stream batches consumers gave up on, from the stream dead-letter queue (admins, operators)',
    description:
      'Up to 50 messages, looked at without being taken (received with a visibility timeout of 0: they stay in the queue, and its alarm stays raised). Each names the function, the shard and the sequence range of a DynamoDB stream batch that spent its retries; its records are read back from the stream while it keeps them (24 hours). Messages that are not such a record are listed apart.',
    responses: {
      200: {
        description: 'what the queue holds',
        schema: z.strictObject({
          approximateCount: z.number().int().describe("SQS's approximate count of messages in the queue (it may hold more than the items shown)"),
          items: z.array(deadLetterSchema),
          unreadable: z.array(z.strictObject({ messageId: z.string(), body: z.string().describe('the start of its body') })).describe('messages that are not a stream batch\'s invocation record: never redriven'),
        }),
      },
    },
  }),
  redriveStreamDeadLetters: route({
    routeKey: 'POST /operations/stream-dead-letters/redrive', operationId: 'redriveStreamDeadLetters', tag, access: { roles: ['admin'] }, body: messageIdsSchema,
    bodyExample: { messageIds: ['5fea7756-0ea4-451a-a703-a558b933e274'] },
    summary: 'Replay failed stream batches into the function that failed on them (admins)',
    description:
      "Each message's batch is read back from its shard (from its first sequence number to its last) and handed to its function, synchronously. The message is deleted only when the function succeeded; otherwise it stays, and its result says why (the function failed again, or the stream no longer holds the records: then rebuild the read model). The consumers are idempotent (version-gated writes, deterministic event ids), so replaying records they had already handled is safe.",
    responses: {
      200: { description: 'one result per message, in the order asked', schema: z.strictObject({ results: z.array(redriveResultSchema) }) },
      404: { description: 'none of the messages is in the queue (already redriven or deleted): list it again' },
    },
  }),
};
