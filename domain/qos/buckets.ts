/**
 * Metrics are read per time bucket: a session belongs to the bucket its play attempt falls in, so each session
 * is counted in exactly one bucket and a bucket's metrics never need a session twice.
 */
export const bucketStartOf = (ts: string, bucketMinutes: number): string => {
  const size = bucketMinutes * 60_000;
  return new Date(Math.floor(Date.parse(ts) / size) * size).toISOString().slice(0, 16);
};

/** The bucket starts (`YYYY-MM-DDTHH:MM`, UTC) covering [from, to], oldest first; at most `max` of them. */
export const bucketsBetween = (from: string, to: string, bucketMinutes: number, max: number): string[] => {
  const size = bucketMinutes * 60_000;
  const first = Math.floor(Date.parse(from) / size) * size;
  const buckets: string[] = [];
  for (let start = first; start <= Date.parse(to) && buckets.length < max; start += size) buckets.push(new Date(start).toISOString().slice(0, 16));
  return buckets;
};

/** How many buckets [from, to] covers, to refuse a range before reading anything. */
export const bucketCount = (from: string, to: string, bucketMinutes: number): number => {
  const size = bucketMinutes * 60_000;
  return Math.floor(Date.parse(to) / size) - Math.floor(Date.parse(from) / size) + 1;
};
