import { z } from 'zod';
import { timestampOf } from '../../../domain/sessions';
import { HttpError } from '../../http/errors';
import { httpHandler } from '../../http/httpHandler';
import { json } from '../../http/response';
import { publicIngress } from '../ingress';
import type { SessionDeps } from './deps';
import { BadCursorError, completedSessionsOf, decodeCursor, encodeCursor, startedSessionsIn } from './sessionStore';

const completedLimit = 20;

/** GET /models/completed-sessions/{player_id}: the player's last 20 completed sessions, newest first. */
export const completedSessions = (deps: SessionDeps) => publicIngress(
  deps.ingress,
  httpHandler(
    { access: 'public', clock: deps.clock, path: z.object({ player_id: z.string().regex(/^[0-9a-f]{32}$/i, 'a player_id is 32 hexadecimal characters') }) },
    async ({ path }) => {
      const items = await completedSessionsOf(deps.db, deps.tables, path.player_id.toLowerCase(), completedLimit);
      return json(200, { items, count: items.length });
    },
  ),
);

const startedPath = z.object({
  country: z.string().regex(/^[A-Za-z]{2,3}$/, 'a country is an ISO 3166 alpha-2 or alpha-3 code').transform((c) => c.toUpperCase()),
  hours: z.coerce.number().int('hours is a whole number').min(1, 'hours must be between 1 and 24').max(24, 'hours must be between 1 and 24'),
});
const startedQuery = z.object({
  // Lets a fixed dataset be queried as of a known time; an ISO instant, a zone-less one meaning UTC.
  now: z.string().refine((now) => !Number.isNaN(Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(now) ? now : `${now}Z`)), 'now is an ISO 8601 time').optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
  cursor: z.string().optional(),
});

/** GET /models/started_sessions/{country}/{hours}: sessions started there in the last `hours`, newest first, paginated. */
export const startedSessions = (deps: SessionDeps) => publicIngress(
  deps.ingress,
  httpHandler({ access: 'public', clock: deps.clock, path: startedPath, query: startedQuery }, async ({ path, query, now: serverNow }) => {
    let cursor;
    try {
      cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    } catch (error) {
      if (error instanceof BadCursorError) throw new HttpError(400, 'invalid_cursor', error.message);
      throw error;
    }
    const given = query.now ?? serverNow;
    const now = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(given) ? given : `${given}Z`).toISOString();
    const page = await startedSessionsIn(deps.db, deps.tables, { country: path.country, hours: path.hours, now, limit: query.limit, ...(cursor === undefined ? {} : { cursor }) });
    return json(200, {
      items: page.items,
      count: page.items.length,
      now: timestampOf(now),
      // The next page is asked for with the same `now`, so the window does not move between pages.
      ...(page.next === undefined ? {} : { next: encodeCursor(page.next) }),
    });
  }),
);
