import { timestampOf } from '../../../domain/sessions';
import { HttpError } from '../../http/errors';
import { httpHandler } from '../../http/httpHandler';
import { json } from '../../http/response';
import { publicIngress } from '../ingress';
import { qosRoutes } from '../routes';
import type { SessionDeps } from './deps';
import { BadCursorError, completedSessionsOf, decodeCursor, encodeCursor, startedSessionsIn } from './sessionStore';

const completedLimit = 20;

/** GET /models/completed-sessions/{player_id}: the player's last 20 completed sessions, newest first. */
export const completedSessions = (deps: SessionDeps) => publicIngress(
  deps.ingress,
  httpHandler(
    { ...qosRoutes.completedSessions, clock: deps.clock },
    async ({ path }) => {
      const items = await completedSessionsOf(deps.db, deps.tables, path.player_id.toLowerCase(), completedLimit);
      return json(200, { items, count: items.length });
    },
  ),
);

/** GET /models/started_sessions/{country}/{hours}: sessions started there in the last `hours`, newest first, paginated. */
export const startedSessions = (deps: SessionDeps) => publicIngress(
  deps.ingress,
  httpHandler({ ...qosRoutes.startedSessions, clock: deps.clock }, async ({ path, query, now: serverNow }) => {
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
