import { functionNameOf, parseStreamFailureRecord } from './invocationRecord';
import type { FunctionInvokerPort } from './invoker';
import { readBatch, recordView, type DeadLetterPorts } from './list';
import type { QueuedMessage } from './queue';

export interface RedrivePorts extends DeadLetterPorts {
  readonly invoker: FunctionInvokerPort;
}

export type RedriveResult =
  | { readonly messageId: string; readonly outcome: 'redriven'; readonly function: string; readonly recordsReplayed: number; readonly message: string }
  | { readonly messageId: string; readonly outcome: 'failed'; readonly function: string; readonly message: string }
  | { readonly messageId: string; readonly outcome: 'records_missing'; readonly function: string; readonly message: string; readonly missingFrom: string; readonly found: ReturnType<typeof recordView>[] }
  | { readonly messageId: string; readonly outcome: 'unreadable' | 'not_found'; readonly message: string };

/** How long a redrive holds the messages it took: past it, a redrive that died gives them back by itself. */
export const claimSeconds = 120;
/** Messages looked through to find the ones asked for (the queue is expected to be small). */
const claimAtMost = 50;

const redriveOne = async (ports: RedrivePorts, message: QueuedMessage): Promise<RedriveResult> => {
  const failure = parseStreamFailureRecord(message.body);
  if (failure === undefined) return { messageId: message.messageId, outcome: 'unreadable', message: 'this message is not a stream batch\'s invocation record: nothing to replay (it stays in the queue)' };
  const fn = functionNameOf(failure.requestContext.functionArn);
  const batch = await readBatch(ports, failure);
  if (!batch.retained) {
    return {
      messageId: message.messageId,
      outcome: 'records_missing',
      function: fn,
      missingFrom: failure.DDBStreamBatchInfo.startSequenceNumber,
      found: batch.found.map(recordView),
      message: `not replayed: ${batch.why}. The message stays in the queue; rebuild the read model this function keeps (npm run rebuild) to recover what the batch carried, then delete the message`,
    };
  }
  const outcome = await ports.invoker.invoke(failure.requestContext.functionArn, { Records: batch.records });
  if (!outcome.ok) return { messageId: message.messageId, outcome: 'failed', function: fn, message: `${fn} failed again (${outcome.error}); the message stays in the queue` };
  await ports.queue.remove(message);
  return { messageId: message.messageId, outcome: 'redriven', function: fn, recordsReplayed: batch.records.length, message: `${fn} handled the ${batch.records.length} record(s); the message is deleted` };
};

/**
 * Replays the batches the given messages name: each batch read back from its shard (AT_SEQUENCE_NUMBER its first record
 * up to its last) and handed to the function that failed on it, synchronously; the message is deleted only when the
 * function succeeded, and otherwise given back to the queue at once. The consumers are idempotent (version-gated writes,
 * deterministic event ids), so a record they had already handled before the batch failed is handled again harmlessly.
 */
export const redriveDeadLetters = async (ports: RedrivePorts, messageIds: readonly string[]): Promise<RedriveResult[]> => {
  const claimed = await ports.queue.claim(claimAtMost, claimSeconds);
  const wanted = claimed.filter((message) => messageIds.includes(message.messageId));
  await Promise.all(claimed.filter((message) => !messageIds.includes(message.messageId)).map((message) => ports.queue.release(message)));
  const results: RedriveResult[] = [];
  for (const messageId of messageIds) {
    const message = wanted.find((m) => m.messageId === messageId);
    if (message === undefined) {
      results.push({ messageId, outcome: 'not_found', message: 'no such message in the queue: already redriven or deleted, or held by a redrive running now; list the queue again' });
      continue;
    }
    const result = await redriveOne(ports, message).catch(async (error: unknown) => {
      await ports.queue.release(message);
      throw error;
    });
    if (result.outcome !== 'redriven') await ports.queue.release(message);
    results.push(result);
  }
  return results;
};
