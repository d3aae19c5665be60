import * as z from 'zod';
import { route } from '../http/route';

const tag = 'Viewer sessions';
// Operators watch over the platform; until the operator role exists, admins only.
const access = { roles: ['admin', 'operator'] } as const;

export const countriesQuerySchema = z.object({
  limit: z.coerce.number().int('limit is a whole number').min(1, 'limit is at least 1').max(300, 'limit is at most 300').optional().describe('the first `limit` countries; all of them when absent (a bar plot)'),
});
export const playersQuerySchema = z.object({
  limit: z.coerce.number().int('limit is a whole number').min(1, 'limit is at least 1').max(100, 'limit is at most 100').default(10),
});
export const yearPathSchema = z.object({
  year: z.coerce.number().int('year is a whole number, e.g. 2026').min(1970, 'year is between 1970 and 9999').max(9999, 'year is between 1970 and 9999'),
});

const countryCount = z.strictObject({ country: z.string(), completed: z.number().int() });
const playerCount = z.strictObject({ player_id: z.string(), completed: z.number().int() });

/**
 * The sessions design's insight questions, read from the counters the viewer sessions projector keeps (one Query
 * each, never a Scan), exact under late, duplicated and out-of-order events.
 */
export const insightsRoutes = {
  sessionTotals: route({
    routeKey: 'GET /insights/sessions', operationId: 'sessionTotals', tag, access,
    summary: 'How many viewer sessions: seen, started (start known) and completed (start and end known)',
    responses: { 200: { description: 'the counts', schema: z.strictObject({ sessions: z.number().int(), started: z.number().int(), completed: z.number().int() }) } },
  }),
  completedByCountry: route({
    routeKey: 'GET /insights/sessions/countries', operationId: 'completedSessionsByCountry', tag, access, query: countriesQuerySchema,
    summary: 'Completed sessions per country, most first (ties: country A to Z); `limit=10` for the top 10',
    responses: { 200: { description: 'the countries', schema: z.strictObject({ items: z.array(countryCount), count: z.number().int() }) } },
  }),
  completedByPlayer: route({
    routeKey: 'GET /insights/sessions/players', operationId: 'completedSessionsByPlayer', tag, access, query: playersQuerySchema,
    summary: 'The players with the most completed sessions, most first (ties: player id ascending), 10 by default',
    responses: { 200: { description: 'the players', schema: z.strictObject({ items: z.array(playerCount), count: z.number().int() }) } },
  }),
  topStartedCountry: route({
    routeKey: 'GET /insights/sessions/years/{year}/top-country', operationId: 'topStartedCountry', tag, access, path: yearPathSchema,
    summary: 'The country with the most sessions started in a year (ties: the first A to Z)',
    responses: {
      200: {
        description: 'the country and how many sessions started there that year; country null when no session started that year',
        schema: z.strictObject({ year: z.number().int(), country: z.string().nullable(), started: z.number().int() }),
      },
    },
  }),
};
