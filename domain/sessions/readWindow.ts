import { timestampOf } from './rawEvent';

/**
 * The hour buckets that cover "started in the last `hours` hours before `now`", newest first, with the exact
 * bounds: the read model keys started sessions by country and hour so no read ever needs a Scan and no
 * country's partition grows without bound.
 */
export const startedWindow = (now: string, hours: number) => {
  const to = timestampOf(now);
  const from = timestampOf(new Date(Date.parse(now) - hours * 3600 * 1000));
  const buckets: string[] = [];
  for (let hour = Date.parse(`${to.slice(0, 13)}:00:00Z`); hour >= Date.parse(`${from.slice(0, 13)}:00:00Z`); hour -= 3600 * 1000) {
    buckets.push(hourBucketOf(timestampOf(new Date(hour))));
  }
  return { from, to, buckets };
};

/** `YYYY-MM-DDTHH` of a normalized timestamp. */
export const hourBucketOf = (ts: string): string => ts.slice(0, 13);
