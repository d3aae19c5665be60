import { WrongExpectedVersionError, type HandledCommand } from '../../adapters/eventstore';
import type { Caller } from '../http/caller';
import { HttpError } from '../http/errors';
import { httpHandler, type HttpRequest } from '../http/httpHandler';
import { json } from '../http/response';
import { executeShowCommand } from '../shows/showCommands';
import type { CatalogDeps } from './deps';
import { versionOfIfMatch } from './httpCache';
import { requireOwnedShow } from './ownership';
import { catalogRoutes } from './routes';
import { viewerOf } from './views';

const actorOf = (caller: Caller | undefined) => ({ id: caller?.userId ?? 'anonymous', kind: 'user' as const });

/** A retried request carries its Idempotency-Key and appends nothing new; without one, the request id. */
const commandContext = (request: HttpRequest<unknown, unknown, unknown>) => {
  const commandId = request.headers['idempotency-key'] ?? request.requestId;
  return { commandId, correlationId: request.requestId, actor: actorOf(request.caller) };
};

const staleShow = (showId: string, sent: number, current: number) =>
  new HttpError(
    412,
    'precondition_failed',
    `show ${showId} changed since you read it (you sent version ${sent}, it is now at version ${current}): GET it again, re-apply your change and send its new ETag in If-Match`,
  );

/**
 * If-Match names the version the client last saw; anything in the stream since then is a 412. Checked here for a
 * clear answer up front, and handed to the command so a write landing after this check is refused too.
 */
const expectedVersionOf = (showId: string, ifMatch: string | undefined, current: number): number | undefined => {
  const expected = versionOfIfMatch(ifMatch);
  if (expected === undefined) return undefined;
  if (Number.isNaN(expected)) throw new HttpError(400, 'invalid_if_match', 'If-Match must be an ETag of this API or a version such as "12"');
  if (expected !== current) throw staleShow(showId, expected, current);
  return expected;
};

/** The command's append, with a race lost after the If-Match check said in the same words as the check. */
const appendOrStale = async (showId: string, expectedVersion: number | undefined, append: () => Promise<HandledCommand>): Promise<HandledCommand> => {
  try {
    return await append();
  } catch (error) {
    if (expectedVersion !== undefined && error instanceof WrongExpectedVersionError) throw staleShow(showId, expectedVersion, error.actualVersion);
    throw error;
  }
};

/** POST /shows: drafts a show through the Show decider. */
export const createShowHandler = (deps: CatalogDeps) =>
  httpHandler({ ...catalogRoutes.createShow, clock: deps.clock }, async (request) => {
    const handled = await executeShowCommand(deps.store, { type: 'DraftShow', ...request.body, now: request.now, actor: actorOf(request.caller) }, commandContext(request));
    return json(201, { showId: request.body.showId, version: handled.nextExpectedVersion }, { etag: `"v${handled.nextExpectedVersion}"`, location: `/shows/${request.body.showId}` });
  });

/** Its creator or an admin; the decider records only what changes (metadata and visibility are separate facts). */
export const updateShowHandler = (deps: CatalogDeps) =>
  httpHandler({ ...catalogRoutes.updateShow, clock: deps.clock }, async (request) => {
    const { showId } = request.path;
    const owned = await requireOwnedShow(deps.store, showId, viewerOf(request.caller));
    const expectedVersion = expectedVersionOf(showId, request.headers['if-match'], owned.version);
    const command = { type: 'UpdateShowMetadata' as const, showId, ...request.body, now: request.now, actor: actorOf(request.caller) };
    const handled = await appendOrStale(showId, expectedVersion, () => executeShowCommand(deps.store, command, { ...commandContext(request), expectedVersion }));
    return json(200, { showId, version: handled.nextExpectedVersion }, { etag: `"v${handled.nextExpectedVersion}"` });
  });

/** Its creator or an admin, idempotently: the media goes afterwards (mediaCleanup reacts to ShowDeleted). */
export const deleteShowHandler = (deps: CatalogDeps) =>
  httpHandler({ ...catalogRoutes.deleteShow, clock: deps.clock }, async (request) => {
    const { showId } = request.path;
    const owned = await requireOwnedShow(deps.store, showId, viewerOf(request.caller), { deletedToo: true });
    const expectedVersion = owned.state.status === 'deleted' ? undefined : expectedVersionOf(showId, request.headers['if-match'], owned.version);
    const reason = request.query.reason === undefined ? {} : { reason: request.query.reason };
    const command = { type: 'DeleteShow' as const, showId, ...reason, now: request.now, actor: actorOf(request.caller) };
    const handled = await appendOrStale(showId, expectedVersion, () => executeShowCommand(deps.store, command, { ...commandContext(request), expectedVersion }));
    return json(200, { showId, version: handled.nextExpectedVersion });
  });

/** The catalogue's writes, through the Show decider: draft, change (metadata, visibility), delete. */
export const catalogWrites = (deps: CatalogDeps) => ({ createShow: createShowHandler(deps), updateShow: updateShowHandler(deps), deleteShow: deleteShowHandler(deps) });
