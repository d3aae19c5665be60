import { EventBridgeValidationError } from './errors';
import { isPlainObject } from './patternValues';
import type { EventBridgeEvent, PutEventsRequestEntry } from './types';

export const maxEntriesPerRequest = 10;
/** AWS: "The total entry size must be less than 256KB", counted as described in eb-putevent-size.html. */
export const maxRequestBytes = 256 * 1024;

const utf8Bytes = (text: string | undefined): number => (text === undefined ? 0 : Buffer.byteLength(text, 'utf8'));

/** The entry size as AWS computes it: Time counts 14 bytes, strings their UTF-8 length. */
export const entrySize = (entry: PutEventsRequestEntry): number =>
  (entry.Time === undefined ? 0 : 14) +
  utf8Bytes(entry.Source) +
  utf8Bytes(entry.DetailType) +
  utf8Bytes(entry.Detail) +
  (entry.Resources ?? []).reduce((sum, resource) => sum + utf8Bytes(resource), 0);

/** Refusals that fail the whole request, as AWS does, before any entry is accepted. */
export const checkRequest = (entries: readonly PutEventsRequestEntry[]): void => {
  if (entries.length < 1 || entries.length > maxEntriesPerRequest) {
    const bound = entries.length < 1 ? 'greater than or equal to 1' : `less than or equal to ${maxEntriesPerRequest}`;
    throw new EventBridgeValidationError(
      `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length ${bound}`,
    );
  }
  const total = entries.reduce((sum, entry) => sum + entrySize(entry), 0);
  if (total > maxRequestBytes) {
    throw new EventBridgeValidationError(
      `Total size of the entries in the request is over the limit (${total} bytes > ${maxRequestBytes}): ` +
        'put large payloads in S3 and send a reference.',
    );
  }
};

export type EntryProblem = { ErrorCode: string; ErrorMessage: string };

const required = (name: string): EntryProblem => ({
  ErrorCode: 'InvalidArgument',
  ErrorMessage: `Parameter ${name} is not valid. Reason: ${name} is a required argument.`,
});

/** Per-entry checks in AWS's order; the result is the parsed detail or the entry's error. */
export const checkEntry = (entry: PutEventsRequestEntry): { detail: Record<string, unknown> } | EntryProblem => {
  if (!entry.Source) return required('Source');
  if (!entry.DetailType) return required('DetailType');
  if (!entry.Detail) return required('Detail');
  let detail: unknown;
  try {
    detail = JSON.parse(entry.Detail);
  } catch {
    return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  }
  return isPlainObject(detail) ? { detail } : { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
};

/** EventBridge writes times to the second, e.g. 2017-12-22T18:43:48Z. */
const formatTime = (time: Date): string => `${time.toISOString().slice(0, 19)}Z`;

const timeOf = (time: PutEventsRequestEntry['Time'], now: Date): Date => {
  if (time === undefined) return now;
  // The AWS JSON protocol carries timestamps as epoch seconds.
  const parsed = typeof time === 'number' ? new Date(time * 1000) : new Date(time);
  return Number.isNaN(parsed.getTime()) ? now : parsed;
};

export const buildEvent = (
  entry: PutEventsRequestEntry,
  detail: Record<string, unknown>,
  context: { id: string; now: Date; account: string; region: string },
): EventBridgeEvent => ({
  version: '0',
  id: context.id,
  'detail-type': entry.DetailType ?? '',
  source: entry.Source ?? '',
  account: context.account,
  time: formatTime(timeOf(entry.Time, context.now)),
  region: context.region,
  resources: entry.Resources ?? [],
  detail,
});
