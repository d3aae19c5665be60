import * as z from 'zod';
import { route } from '../http/route';
import { dashboardRoutes } from './dashboardRoutes';

const tag = 'Playback quality';
const sessionsTag = 'Viewer sessions';

/** A player flushes its beacon queue in one request; 500 events is minutes of a busy session. */
export const maxPlayerEventsPerRequest = 500;
export const maxSessionEventsPerRequest = 10;

export const playerEventsBodySchema = z
  .array(z.unknown())
  .min(1, `send 1 to ${maxPlayerEventsPerRequest} events`)
  .max(maxPlayerEventsPerRequest, `send 1 to ${maxPlayerEventsPerRequest} events`)
  .describe('player events keyed on CMCD (sid, cid, seq, ts, type...); each is admitted or refused on its own');
export const sessionEventsBodySchema = z
  .array(z.unknown())
  .min(1, `send 1 to ${maxSessionEventsPerRequest} events`)
  .max(maxSessionEventsPerRequest, `send 1 to ${maxSessionEventsPerRequest} events`)
  .describe('session start and end events in the sessions API\'s raw format');

const instant = z.iso.datetime({ offset: true }).transform((t) => new Date(t).toISOString());
// Loose like the handlers always were: a cache-buster or tracking parameter is ignored, not refused.
export const metricsQuerySchema = z.object({
  dimension: z.enum(['show', 'country', 'cdn']),
  value: z.string().min(1).max(128),
  from: instant.optional().describe('start of the range (default: an hour before `to`)'),
  to: instant.optional().describe('end of the range (default: now)'),
});
export const alertsQuerySchema = z.object({
  status: z.enum(['open', 'resolved']).default('open'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  history: z.enum(['true', 'false']).default('false').transform((h) => h === 'true').describe('true: each alert with its raise and resolve transitions, oldest first'),
});
export const completedPathSchema = z.object({ player_id: z.string().regex(/^[0-9a-f]{32}$/i, 'a player_id is 32 hexadecimal characters') });
export const startedPathSchema = z.object({
  country: z.string().regex(/^[A-Za-z]{2,3}$/, 'a country is an ISO 3166 alpha-2 or alpha-3 code').transform((c) => c.toUpperCase()),
  hours: z.coerce.number().int('hours is a whole number').min(1, 'hours must be between 1 and 24').max(24, 'hours must be between 1 and 24'),
});
export const startedQuerySchema = z.object({
  // Lets a fixed dataset be queried as of a known time; an ISO instant, a zone-less one meaning UTC.
  now: z.string().refine((now) => !Number.isNaN(Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(now) ? now : `${now}Z`)), 'now is an ISO 8601 time').optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
  cursor: z.string().optional().describe('`next` of the previous page'),
});

const batchAnswerSchema = z.strictObject({
  acceptedCount: z.number().int(),
  failedCount: z.number().int(),
  results: z.array(
    z.strictObject({ index: z.number().int(), status: z.enum(['accepted', 'rejected']), error: z.string().optional(), message: z.string().optional(), details: z.unknown().optional() }),
  ),
});
const ingress = {
  200: { description: 'per event, in order: accepted, or refused with the reason (accepted ones are stored before this answer)', schema: batchAnswerSchema },
  401: { description: 'this deployment wants its x-api-key header' },
  413: { description: 'the body is over the ingress limit: send smaller batches' },
  429: { description: 'too many requests: retry after a second (Retry-After)' },
};
const metricsSchema = z.looseObject({ attempts: z.number(), plays: z.number() });

/** Player QoS beacons and the metrics and alerts built from them; the viewer sessions API. */
export const qosRoutes = {
  ...dashboardRoutes,
  playerEvents: route({
    routeKey: 'POST /qos/events', operationId: 'sendPlayerEvents', tag, access: 'public', body: playerEventsBodySchema,
    summary: `Send up to ${maxPlayerEventsPerRequest} player QoS events (play, first frame, stalls, bitrate switches, errors, end)`,
    responses: ingress,
  }),
  metrics: route({
    routeKey: 'GET /qos/metrics', operationId: 'qosMetrics', tag, access: { roles: ['admin', 'operator'] }, query: metricsQuerySchema,
    summary: 'QoE metrics of one show, country or CDN over a time range, per 5-minute bucket and in total',
    responses: {
      200: {
        description: 'the metrics',
        schema: z.strictObject({
          dimension: z.string(), value: z.string(), from: z.string(), to: z.string(), bucketMinutes: z.number().int(),
          total: metricsSchema, buckets: z.array(z.strictObject({ start: z.string(), metrics: metricsSchema })),
        }),
      },
    },
  }),
  alerts: route({
    routeKey: 'GET /qos/alerts', operationId: 'qosAlerts', tag, access: { roles: ['admin', 'operator'] }, query: alertsQuerySchema,
    summary: 'QoE alerts in a status, most recently changed first; with history=true, each with its raise and resolve transitions',
    responses: { 200: { description: 'the alerts', schema: z.strictObject({ count: z.number().int(), items: z.array(z.looseObject({ alertKey: z.string(), status: z.enum(['open', 'resolved']) })) }) } },
  }),
  sessionEvents: route({
    routeKey: 'POST /sessions/events', operationId: 'sendSessionEvents', tag: sessionsTag, access: 'public', body: sessionEventsBodySchema,
    summary: `Send up to ${maxSessionEventsPerRequest} viewer session events`,
    responses: ingress,
  }),
  completedSessions: route({
    routeKey: 'GET /models/completed-sessions/{player_id}', operationId: 'completedSessions', tag: sessionsTag, access: 'public', path: completedPathSchema,
    summary: 'A player\'s last 20 completed sessions, newest first',
    responses: { 200: { description: 'the sessions', schema: z.strictObject({ items: z.array(z.looseObject({})), count: z.number().int() }) }, 401: ingress[401], 429: ingress[429] },
  }),
  startedSessions: route({
    routeKey: 'GET /models/started_sessions/{country}/{hours}', operationId: 'startedSessions', tag: sessionsTag, access: 'public', path: startedPathSchema, query: startedQuerySchema,
    summary: 'Sessions started in a country in the last 1 to 24 hours, newest first, paged',
    responses: {
      200: { description: 'a page of sessions', schema: z.strictObject({ items: z.array(z.looseObject({})), count: z.number().int(), now: z.unknown(), next: z.string().optional() }) },
      401: ingress[401],
      429: ingress[429],
    },
  }),
};
