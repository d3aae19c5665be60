// TransactWriteItems takes at most 100 items and 4 MB; fewer, larger transactions cost DynamoDB less per item.
export const maxTransactionItems = 100;
const maxTransactionBytes = 3_500_000;

/** Groups writes into transactions under both limits (sizes estimated from the items' JSON). */
export const writeChunks = <T extends { readonly item: Record<string, unknown> }>(writes: readonly T[]): T[][] => {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const write of writes) {
    const size = JSON.stringify(write.item).length;
    if (current.length === maxTransactionItems || (current.length > 0 && bytes + size > maxTransactionBytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(write);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
};
