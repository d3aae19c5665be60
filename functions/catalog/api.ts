import { getShowWithTotals, InvalidCursorError, likeShow, listPublishedShows, rateShow, RatingContentionError } from '../../adapters/projections';
import { canSee, isListed, type CatalogEntry } from '../../domain/catalog';
import type { Caller } from '../http/caller';
import { HttpError, notFound, unauthorized } from '../http/errors';
import { httpHandler } from '../http/httpHandler';
import { json } from '../http/response';
import type { CatalogDeps, CatalogReadDeps } from './deps';
import { cacheableJson, privateCaching, publicCaching } from './httpCache';
import { catalogRoutes } from './routes';
import { studioApi } from './studio';
import { detailOf, summaryOf, viewerOf } from './views';
import { catalogWrites } from './writes';

/** Routes with role access only run with a caller; this says so to the type checker without a cast. */
const signedIn = (caller: Caller | undefined): Caller => {
  if (caller === undefined) throw unauthorized();
  return caller;
};

/** Likes and ratings are for published shows the caller can see. */
const engageable = (entry: CatalogEntry, caller: Caller | undefined) => entry.status === 'published' && canSee(entry, viewerOf(caller));

/** GET /shows: published public shows, from the read model. */
export const listShowsHandler = (deps: CatalogReadDeps) =>
  httpHandler({ ...catalogRoutes.listShows, clock: deps.clock }, async ({ query, headers }) => {
    try {
      const page = await listPublishedShows(deps.db, deps.tables.catalog, await deps.generation(), query);
      return cacheableJson({ items: page.items.map(summaryOf), nextCursor: page.nextCursor }, { headers, cacheControl: publicCaching });
    } catch (error) {
      if (error instanceof InvalidCursorError) throw new HttpError(400, 'invalid_cursor', error.message);
      throw error;
    }
  });

/** Also behind the authorizer as GET /studio/shows/{showId}, where a creator sees their unpublished and private shows. */
export const getShowHandler = (deps: CatalogReadDeps) =>
  httpHandler({ ...catalogRoutes.getShow, clock: deps.clock }, async ({ path, caller, headers }) => {
    const found = await getShowWithTotals(deps.db, deps.tables, await deps.generation(), path.showId);
    if (found === undefined || !canSee(found.entry, viewerOf(caller))) throw notFound(`show ${path.showId}`);
    // Only what anyone may list sits in a shared cache: an unlisted or private show may change audience any time.
    const cacheControl = isListed(found.entry) && caller === undefined ? publicCaching : privateCaching;
    return cacheableJson(detailOf(found.entry, found.totals), { headers, cacheControl, version: found.entry.version });
  });

export const likeShowHandler = (deps: CatalogReadDeps) =>
  httpHandler({ ...catalogRoutes.likeShow, clock: deps.clock }, async ({ path, caller, now }) => {
    const user = signedIn(caller);
    const found = await getShowWithTotals(deps.db, deps.tables, await deps.generation(), path.showId);
    if (found === undefined || !engageable(found.entry, caller)) throw notFound(`show ${path.showId}`);
    const counted = await likeShow(deps.db, deps.tables.engagement, path.showId, user.userId, now);
    return json(counted ? 201 : 200, { showId: path.showId, liked: true, counted });
  });

export const rateShowHandler = (deps: CatalogReadDeps) =>
  httpHandler({ ...catalogRoutes.rateShow, clock: deps.clock }, async ({ path, body, caller, now }) => {
    const user = signedIn(caller);
    const found = await getShowWithTotals(deps.db, deps.tables, await deps.generation(), path.showId);
    if (found === undefined || !engageable(found.entry, caller)) throw notFound(`show ${path.showId}`);
    try {
      await rateShow(deps.db, deps.tables.engagement, path.showId, user.userId, body.stars, now);
    } catch (error) {
      if (error instanceof RatingContentionError) throw new HttpError(503, 'busy', error.message);
      throw error;
    }
    return json(200, { showId: path.showId, stars: body.stars });
  });

/**
 * The catalogue API's handlers over their dependencies: each factory is wired alone by its function's entry module
 * (entries/, so a bundle holds only its own handler), all of them together by tests on their own tables. Reads go
 * to the read model (one DynamoDB request each, the generation aside), writes of shows go through the Show decider
 * (writes.ts), engagement to its own table.
 */
export const catalogApi = (deps: CatalogDeps) => ({
  listShows: listShowsHandler(deps),
  getShow: getShowHandler(deps),
  ...catalogWrites(deps),
  ...studioApi(deps),
  likeShow: likeShowHandler(deps),
  rateShow: rateShowHandler(deps),
});
