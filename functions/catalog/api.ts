import { WrongExpectedVersionError } from '../../adapters/eventstore';
import { getShowWithTotals, InvalidCursorError, likeShow, listPublishedShows, rateShow, RatingContentionError } from '../../adapters/projections';
import { showStreamId } from '../../domain/show';
import type { Caller } from '../http/caller';
import { HttpError, notFound, unauthorized } from '../http/errors';
import { httpHandler, type HttpRequest } from '../http/httpHandler';
import { json } from '../http/response';
import { executeShowCommand, loadShow } from '../shows/showCommands';
import type { CatalogDeps } from './deps';
import { cacheableJson, privateCaching, publicCaching, versionOfIfMatch } from './httpCache';
import { catalogRoutes } from './routes';
import { canSee, detailOf, summaryOf } from './views';

/** Routes with role access only run with a caller; this says so to the type checker without a cast. */
const signedIn = (caller: Caller | undefined): Caller => {
  if (caller === undefined) throw unauthorized();
  return caller;
};

const actorOf = (caller: Caller | undefined) => ({ id: caller?.userId ?? 'anonymous', kind: 'user' as const });

/** A retried request carries its Idempotency-Key and appends nothing new; without one, the request id. */
const commandContext = (request: HttpRequest<unknown, unknown, unknown>) => {
  const commandId = request.headers['idempotency-key'] ?? request.requestId;
  return { commandId, correlationId: request.requestId, actor: actorOf(request.caller) };
};

/**
 * If-Match names the version the client last saw; anything else in the stream since then is a 412. Checked here
 * for a clear 404/412 up front, and handed to the command so a write landing after this check is refused too.
 */
const checkIfMatch = async (deps: CatalogDeps, showId: string, ifMatch: string | undefined): Promise<number | undefined> => {
  const expected = versionOfIfMatch(ifMatch);
  if (expected === undefined) return undefined;
  if (Number.isNaN(expected)) throw new HttpError(400, 'invalid_if_match', 'If-Match must be an ETag of this API or a version such as "12"');
  const { version } = await loadShow(deps.store, showId);
  if (version === 0) throw notFound(`show ${showId}`);
  if (version !== expected) throw new WrongExpectedVersionError(showStreamId(showId), expected, version);
  return expected;
};

/**
 * The catalogue API's handlers over their dependencies: handlers.ts wires them to the container's clients,
 * tests to their own tables. Reads go to the read model (one DynamoDB request each, the generation aside),
 * writes of show metadata go through the Show decider, engagement to its own table.
 */
export const catalogApi = (deps: CatalogDeps) => ({
  listShows: httpHandler({ ...catalogRoutes.listShows, clock: deps.clock }, async ({ query, headers }) => {
    try {
      const page = await listPublishedShows(deps.db, deps.tables.catalog, await deps.generation(), query);
      return cacheableJson({ items: page.items.map(summaryOf), nextCursor: page.nextCursor }, { headers, cacheControl: publicCaching });
    } catch (error) {
      if (error instanceof InvalidCursorError) throw new HttpError(400, 'invalid_cursor', error.message);
      throw error;
    }
  }),

  /** Also behind the authorizer as GET /studio/shows/{showId}, where a creator sees their private shows. */
  getShow: httpHandler({ ...catalogRoutes.getShow, clock: deps.clock }, async ({ path, caller, headers }) => {
    const found = await getShowWithTotals(deps.db, deps.tables, await deps.generation(), path.showId);
    if (found === undefined || !canSee(found.entry, caller)) throw notFound(`show ${path.showId}`);
    const cacheControl = found.entry.visibility === 'published' && caller === undefined ? publicCaching : privateCaching;
    return cacheableJson(detailOf(found.entry, found.totals), { headers, cacheControl, version: found.entry.version });
  }),

  createShow: httpHandler({ ...catalogRoutes.createShow, clock: deps.clock }, async (request) => {
    const handled = await executeShowCommand(deps.store, { type: 'DraftShow', ...request.body, now: request.now, actor: actorOf(request.caller) }, commandContext(request));
    return json(201, { showId: request.body.showId, version: handled.nextExpectedVersion }, { etag: `"v${handled.nextExpectedVersion}"`, location: `/shows/${request.body.showId}` });
  }),

  updateShow: httpHandler({ ...catalogRoutes.updateShow, clock: deps.clock }, async (request) => {
    const expectedVersion = await checkIfMatch(deps, request.path.showId, request.headers['if-match']);
    const command = { type: 'UpdateShowMetadata' as const, showId: request.path.showId, ...request.body, now: request.now, actor: actorOf(request.caller) };
    const handled = await executeShowCommand(deps.store, command, { ...commandContext(request), expectedVersion });
    return json(200, { showId: request.path.showId, version: handled.nextExpectedVersion }, { etag: `"v${handled.nextExpectedVersion}"` });
  }),

  withdrawShow: httpHandler({ ...catalogRoutes.withdrawShow, clock: deps.clock }, async (request) => {
    const expectedVersion = await checkIfMatch(deps, request.path.showId, request.headers['if-match']);
    const command = { type: 'WithdrawShow' as const, showId: request.path.showId, reason: request.query.reason, now: request.now, actor: actorOf(request.caller) };
    const handled = await executeShowCommand(deps.store, command, { ...commandContext(request), expectedVersion });
    return json(200, { showId: request.path.showId, version: handled.nextExpectedVersion });
  }),

  likeShow: httpHandler({ ...catalogRoutes.likeShow, clock: deps.clock }, async ({ path, caller, now }) => {
    const user = signedIn(caller);
    const found = await getShowWithTotals(deps.db, deps.tables, await deps.generation(), path.showId);
    if (found === undefined || found.entry.visibility !== 'published') throw notFound(`show ${path.showId}`);
    const counted = await likeShow(deps.db, deps.tables.engagement, path.showId, user.userId, now);
    return json(counted ? 201 : 200, { showId: path.showId, liked: true, counted });
  }),

  rateShow: httpHandler({ ...catalogRoutes.rateShow, clock: deps.clock }, async ({ path, body, caller, now }) => {
    const user = signedIn(caller);
    const found = await getShowWithTotals(deps.db, deps.tables, await deps.generation(), path.showId);
    if (found === undefined || found.entry.visibility !== 'published') throw notFound(`show ${path.showId}`);
    try {
      await rateShow(deps.db, deps.tables.engagement, path.showId, user.userId, body.stars, now);
    } catch (error) {
      if (error instanceof RatingContentionError) throw new HttpError(503, 'busy', error.message);
      throw error;
    }
    return json(200, { showId: path.showId, stars: body.stars });
  }),
});
