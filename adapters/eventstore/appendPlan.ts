import { createHash } from 'node:crypto';
import type { EventEnvelope } from '../../events/envelope';
import type { StreamAppend } from './appendTypes';

/** One stream's share of an append, with the version it starts after, resolved. */
export interface PlannedStream {
  readonly append: StreamAppend;
  readonly baseVersion: number;
  /** The store must prove that `baseVersion` exists (the caller has not read the stream). */
  readonly checkBaseExists: boolean;
  readonly envelopes: readonly EventEnvelope[];
}

export const planStream = (append: StreamAppend, baseVersion: number, commandId: string, checkBaseExists: boolean): PlannedStream => ({
  append,
  baseVersion,
  checkBaseExists: checkBaseExists && baseVersion > 0,
  envelopes: append.events.map((event, index) => ({ ...event, streamId: append.streamId, version: baseVersion + index + 1, commandId })),
});

/**
 * DynamoDB remembers a transaction's ClientRequestToken for 10 minutes and answers a repeat of the same request
 * with success without writing again. Deriving it from the command id and the versions targeted makes a
 * resent command idempotent even when the first response was lost; a retry that targets other versions gets
 * another token and is recognised by its command id on the stored items instead.
 */
export const clientRequestTokenOf = (commandId: string, plan: readonly PlannedStream[]): string =>
  createHash('sha256')
    .update(commandId)
    .update(plan.map((stream) => `\u0000${stream.append.streamId}@${stream.baseVersion}`).join(''))
    .digest('base64url')
    .slice(0, 36);
