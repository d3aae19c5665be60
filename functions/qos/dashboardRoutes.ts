import * as z from 'zod';
import { route } from '../http/route';

const tag = 'Playback quality';
/** Until the operator role exists (accounts), admins only; the NOC routes admit operators once it does. */
const operators = { roles: ['admin', 'operator'] as const };

const instant = z.iso.datetime({ offset: true }).transform((t) => new Date(t).toISOString());
export const dashboardRanges = { '1h': 1, '6h': 6, '24h': 24, '7d': 7 * 24, '30d': 30 * 24 } as const;
const rangeFields = {
  range: z.enum(Object.keys(dashboardRanges) as [keyof typeof dashboardRanges]).default('1h').describe('how far back from `to`: 1h, 6h, 24h, 7d or 30d'),
  to: instant.optional().describe('end of the range (default: now)'),
};
const filterFields = {
  show: z.string().min(1).max(128).optional().describe('only this show (content id)'),
  country: z.string().regex(/^[A-Z]{2,3}$/, 'a country is an upper-case ISO 3166 alpha-2 or alpha-3 code').optional(),
  cdn: z.string().min(1).max(64).optional(),
};
export const seriesQuerySchema = z.object({ ...rangeFields, ...filterFields });
export const worstMetrics = ['errorRatio', 'rebufferingRatio', 'videoStartTimeP95', 'exitsBeforeVideoStartRatio'] as const;
export const worstQuerySchema = z.object({
  ...rangeFields,
  dimension: z.enum(['show', 'country', 'cdn']),
  metric: z.enum(worstMetrics).default('errorRatio'),
  minAttempts: z.coerce.number().int().min(1).max(1_000_000).default(1).describe('leave out values with fewer attempts over the range'),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

const metricsSchema = z.strictObject({
  attempts: z.number(), plays: z.number(), videoStartTimeMs: z.strictObject({ p50: z.number().nullable(), p95: z.number().nullable() }),
  rebufferingRatio: z.number().nullable(), exitsBeforeVideoStart: z.number(), videoStartFailures: z.number(), videoPlaybackFailures: z.number(),
  errorRatio: z.number().nullable(), averageBitrateKbps: z.number().nullable(), concurrentViewers: z.number(),
});
const ruleSchema = z.strictObject({
  id: z.string(), metric: z.enum(['errorRatio', 'rebufferingRatio']), dimension: z.enum(['show', 'country', 'cdn']),
  raiseAbove: z.number(), clearBelow: z.number(), minAttempts: z.number().int(), windowMinutes: z.number().int(),
});
export const alertRulePathSchema = z.object({ ruleId: z.string().regex(/^[a-z0-9-]{1,64}$/, 'a rule id is 1-64 lower-case letters, digits and dashes') });
export const alertRuleBodySchema = z
  .strictObject({
    raiseAbove: z.number().min(0, 'raiseAbove is a ratio between 0 and 1').max(1, 'raiseAbove is a ratio between 0 and 1'),
    clearBelow: z.number().min(0, 'clearBelow is a ratio between 0 and 1').max(1, 'clearBelow is a ratio between 0 and 1'),
    minAttempts: z.number().int('minAttempts is a whole number').min(1, 'minAttempts is at least 1'),
    windowMinutes: z.number().int('windowMinutes is a whole number').min(1, 'windowMinutes is 1 to 1440').max(1440, 'windowMinutes is 1 to 1440'),
  })
  .refine((t) => t.clearBelow < t.raiseAbove, { message: 'clearBelow must be lower than raiseAbove: the gap keeps an alert from flapping', path: ['clearBelow'] });
const ifMatchHeaders = z.strictObject({ 'if-match': z.string().optional().describe('the rule set\'s ETag (or version) last read; required') });

/** The NOC dashboard's reads (from rollups, no Scan) and the alert rules. */
export const dashboardRoutes = {
  dashboardSeries: route({
    routeKey: 'GET /qos/dashboard/series', operationId: 'qosDashboardSeries', tag, access: operators, query: seriesQuerySchema,
    summary: 'QoE metrics over time (at most 288 points) for all traffic or a show, country and/or CDN, from the last hour to 30 days',
    responses: {
      200: {
        description: 'the points, oldest first, and the whole range\'s total',
        schema: z.strictObject({
          from: z.string(), to: z.string(), stepMinutes: z.number().int(),
          filter: z.strictObject({ show: z.string().optional(), country: z.string().optional(), cdn: z.string().optional() }),
          total: metricsSchema, points: z.array(z.strictObject({ start: z.string(), metrics: metricsSchema })),
        }),
      },
    },
  }),
  dashboardWorst: route({
    routeKey: 'GET /qos/dashboard/worst', operationId: 'qosDashboardWorst', tag, access: operators, query: worstQuerySchema,
    summary: 'The worst shows, countries or CDNs over a range, ranked by a QoE metric',
    responses: {
      200: {
        description: 'worst first (ties: more attempts first, then by value)',
        schema: z.strictObject({
          dimension: z.string(), metric: z.string(), from: z.string(), to: z.string(),
          items: z.array(z.strictObject({ value: z.string(), score: z.number(), attempts: z.number(), metrics: metricsSchema })),
        }),
      },
    },
  }),
  alertRules: route({
    routeKey: 'GET /qos/alert-rules', operationId: 'qosAlertRules', tag, access: operators,
    summary: 'The QoE alert rules and their thresholds, with the rule set\'s version (ETag)',
    responses: { 200: { description: 'the rules', headers: { ETag: 'the rule set\'s version: send it back as If-Match to change a rule' }, schema: z.strictObject({ version: z.number().int(), rules: z.array(ruleSchema) }) } },
  }),
  updateAlertRule: route({
    routeKey: 'PUT /qos/alert-rules/{ruleId}', operationId: 'updateQosAlertRule', tag, access: { roles: ['admin'] }, path: alertRulePathSchema, body: alertRuleBodySchema, headers: ifMatchHeaders,
    summary: 'Change one alert rule\'s thresholds (admins; If-Match the rule set\'s version)',
    bodyExample: { raiseAbove: 0.05, clearBelow: 0.02, minAttempts: 20, windowMinutes: 10 },
    responses: {
      200: { description: 'the rule as it now reads, and the rule set\'s new version', headers: { ETag: 'the rule set\'s new version' }, schema: z.strictObject({ version: z.number().int(), rule: ruleSchema }) },
      404: { description: 'no rule has this id' },
      412: { description: 'the rules changed since you read them: GET them again and re-apply your change' },
      428: { description: 'send If-Match with the version you read (GET /qos/alert-rules)' },
    },
  }),
};
