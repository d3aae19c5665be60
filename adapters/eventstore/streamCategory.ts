/** `show#42` belongs to category `show`; a stream id without `#` is its own category. */
export const categoryOf = (streamId: string): string => {
  const hash = streamId.indexOf('#');
  return hash < 0 ? streamId : streamId.slice(0, hash);
};

/** FNV-1a: cheap, stable across processes and runtimes, and spreads similar ids (show#1, show#2) apart. */
const fnv1a = (text: string): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
};

/**
 * The GSI partition a stream's first event lands in. One partition per category would cap a busy category at
 * one partition's write rate, and a throttled GSI throttles the base table, so each category is spread over
 * `shards` partitions and readers merge them.
 */
export const categoryShardOf = (streamId: string, shards: number): string =>
  `${categoryOf(streamId)}#${fnv1a(streamId) % shards}`;
