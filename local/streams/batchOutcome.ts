import { z } from 'zod';

/** What a stream subscriber's invocation means for the shard position, as Lambda's event source mapping reads it. */
export type BatchOutcome =
  | { readonly kind: 'done' }
  | { readonly kind: 'retryFrom'; readonly index: number }
  | { readonly kind: 'failed'; readonly error: string };

const partialFailureSchema = z.object({
  batchItemFailures: z.array(z.object({ itemIdentifier: z.string().nullable().optional() })),
});

/**
 * With ReportBatchItemFailures, Lambda resumes from the lowest failed sequence number; an identifier that is
 * empty, null or not in the batch makes the whole batch a failure. Without it, only a thrown error fails.
 */
export const readBatchOutcome = (
  response: unknown,
  sequenceNumbers: readonly string[],
  reportBatchItemFailures: boolean,
): BatchOutcome => {
  if (!reportBatchItemFailures || response === null || response === undefined) return { kind: 'done' };
  const parsed = partialFailureSchema.safeParse(response);
  if (!parsed.success) return { kind: 'done' };
  const failures = parsed.data.batchItemFailures;
  if (failures.length === 0) return { kind: 'done' };
  let lowest = Number.POSITIVE_INFINITY;
  for (const failure of failures) {
    const index = failure.itemIdentifier ? sequenceNumbers.indexOf(failure.itemIdentifier) : -1;
    if (index < 0) return { kind: 'failed', error: `batchItemFailures names an unknown item: ${String(failure.itemIdentifier)}` };
    lowest = Math.min(lowest, index);
  }
  return { kind: 'retryFrom', index: lowest };
};
