import * as z from 'zod';

/**
 * The outcome of a refused write, read from the refusal itself: with ReturnValuesOnConditionCheckFailure =
 * ALL_OLD, DynamoDB hands back the item that blocked us, so telling "my own earlier attempt" from "someone
 * else" costs no extra read.
 */
export type WriteRefusal =
  | { readonly kind: 'alreadyAppended' }
  | { readonly kind: 'conflict'; readonly streamIndex: number }
  | { readonly kind: 'inProgress' }
  | { readonly kind: 'tokenReused' };

/** lib-dynamodb leaves error payloads in the wire format; accept the plain form too in case that changes. */
const commandIdOf = (item: unknown): string | undefined => {
  const parsed = z
    .object({ commandId: z.union([z.string(), z.object({ S: z.string() })]) })
    .safeParse(item);
  if (!parsed.success) return undefined;
  return typeof parsed.data.commandId === 'string' ? parsed.data.commandId : parsed.data.commandId.S;
};

const errorShape = z.object({
  name: z.string(),
  Item: z.unknown().optional(),
  CancellationReasons: z.array(z.object({ Code: z.string().optional(), Item: z.unknown().optional() })).optional(),
});
type CancellationReason = NonNullable<z.infer<typeof errorShape>['CancellationReasons']>[number];

/**
 * `actionStreams[i]` is the index of the stream that transaction action i writes to. Returns undefined for
 * an error that is not a refusal (network, throttling): the caller rethrows it.
 */
export const readWriteRefusal = (error: unknown, commandId: string, actionStreams: readonly number[]): WriteRefusal | undefined => {
  const parsed = errorShape.safeParse(error);
  if (!parsed.success) return undefined;
  const { name, Item, CancellationReasons } = parsed.data;
  if (name === 'ConditionalCheckFailedException') {
    return commandIdOf(Item) === commandId ? { kind: 'alreadyAppended' } : { kind: 'conflict', streamIndex: 0 };
  }
  if (name === 'TransactionInProgressException') return { kind: 'inProgress' };
  if (name === 'IdempotentParameterMismatchException') return { kind: 'tokenReused' };
  if (name !== 'TransactionCanceledException' || CancellationReasons === undefined) return undefined;
  return cancellationRefusal(CancellationReasons, commandId, actionStreams);
};

const cancellationRefusal = (reasons: readonly CancellationReason[], commandId: string, actionStreams: readonly number[]): WriteRefusal | undefined => {
  // A command's events are written in one transaction, so finding any one of them means all of them exist.
  if (reasons.some((reason) => commandIdOf(reason.Item) === commandId)) return { kind: 'alreadyAppended' };
  const blocked = reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed' || reason.Code === 'TransactionConflict');
  if (blocked < 0) return undefined;
  return { kind: 'conflict', streamIndex: actionStreams[blocked] ?? 0 };
};
