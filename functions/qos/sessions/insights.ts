import { httpHandler } from '../../http/httpHandler';
import { json } from '../../http/response';
import { insightsRoutes } from '../insightsRoutes';
import type { SessionDeps } from './deps';
import { completedByCountry, sessionTotals, topPlayers, topStartedCountry } from './insightStore';

/** GET /insights/sessions: sessions seen, started and completed. */
export const sessionTotalsInsight = (deps: SessionDeps) =>
  httpHandler({ ...insightsRoutes.sessionTotals, clock: deps.clock }, async () => json(200, await sessionTotals(deps.db, deps.tables)));

/** GET /insights/sessions/countries?limit=: completed sessions per country, most first. */
export const completedByCountryInsight = (deps: SessionDeps) =>
  httpHandler({ ...insightsRoutes.completedByCountry, clock: deps.clock }, async ({ query }) => {
    const items = (await completedByCountry(deps.db, deps.tables, query.limit)).map((t) => ({ country: t.member, completed: t.count }));
    return json(200, { items, count: items.length });
  });

/** GET /insights/sessions/players?limit=: the players with the most completed sessions. */
export const completedByPlayerInsight = (deps: SessionDeps) =>
  httpHandler({ ...insightsRoutes.completedByPlayer, clock: deps.clock }, async ({ query }) => {
    const items = (await topPlayers(deps.db, deps.tables, query.limit)).map((t) => ({ player_id: t.member, completed: t.count }));
    return json(200, { items, count: items.length });
  });

/** GET /insights/sessions/years/{year}/top-country: where most sessions started that year. */
export const topStartedCountryInsight = (deps: SessionDeps) =>
  httpHandler({ ...insightsRoutes.topStartedCountry, clock: deps.clock }, async ({ path }) => {
    const top = await topStartedCountry(deps.db, deps.tables, path.year);
    return json(200, { year: path.year, country: top?.member ?? null, started: top?.count ?? 0 });
  });
