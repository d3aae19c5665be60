import * as z from 'zod';

/**
 * The raw event of the sessions API we replace. `ts` is ISO 8601 with up to microseconds and no zone, which
 * that API meant as UTC; a trailing `Z` is tolerated because some senders add it.
 */
const naiveTimestamp = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?Z?$/;

const playerIdSchema = z.string().regex(/^[0-9a-f]{32}$/i, 'a player_id is 32 hexadecimal characters').transform((id) => id.toLowerCase());
const sessionIdSchema = z.uuid('a session_id is a UUID').transform((id) => id.toLowerCase());
const countrySchema = z.string().regex(/^[A-Za-z]{2,3}$/, 'a country is an ISO 3166 alpha-2 or alpha-3 code').transform((c) => c.toUpperCase());
const tsSchema = z
  .string()
  .regex(naiveTimestamp, 'ts is ISO 8601 with up to microseconds and no zone, e.g. 2026-01-31T12:00:00.123456')
  .refine((ts) => !Number.isNaN(Date.parse(`${ts.replace(/Z$/, '')}Z`)), 'ts is not a real date');

export const rawSessionEventSchema = z.discriminatedUnion('event', [
  z.strictObject({ event: z.literal('start'), country: countrySchema, player_id: playerIdSchema, session_id: sessionIdSchema, ts: tsSchema }),
  // The replaced API's end events carry no country; one that does is accepted and the country ignored.
  z.strictObject({ event: z.literal('end'), country: countrySchema.optional(), player_id: playerIdSchema, session_id: sessionIdSchema, ts: tsSchema }),
]);
export type RawSessionEvent = z.output<typeof rawSessionEventSchema>;

/**
 * The fixed-width form every stored timestamp takes (`YYYY-MM-DDTHH:MM:SS.ffffff`, UTC, no zone): the shape the
 * replaced API answered with, and one that sorts as text, which the read model's sort keys rely on.
 */
export const normalizeTimestamp = (ts: string): string => {
  const match = naiveTimestamp.exec(ts);
  if (match === null || match[1] === undefined) throw new RangeError(`not a timestamp: ${ts}`);
  return `${match[1]}.${(match[2] ?? '').padEnd(6, '0')}`;
};

/** The fixed-width form of an instant (a Date or an ISO string with a zone). */
export const timestampOf = (instant: Date | string): string => normalizeTimestamp(new Date(instant).toISOString());

/** Epoch milliseconds of a normalized timestamp (microseconds truncated). */
export const millisOf = (ts: string): number => Date.parse(`${ts.slice(0, 23)}Z`);
