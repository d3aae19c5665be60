import { InvalidCursorError, listCreatorShows } from '../../adapters/projections';
import type { CatalogEntry } from '../../domain/catalog';
import { HttpError, unauthorized } from '../http/errors';
import { httpHandler } from '../http/httpHandler';
import { json } from '../http/response';
import { logger } from '../runtime/logger';
import type { CatalogReadDeps } from './deps';
import { privateCaching } from './httpCache';
import { catalogRoutes } from './routes';
import { isTranscoding, studioItemOf } from './views';

/** Progress is one MediaConvert search per transcoding show: a page looks up this many at most, the rest say null. */
const maxProgressLookups = 5;

const percentOf = async (deps: CatalogReadDeps, entry: CatalogEntry): Promise<number | null> => {
  if (!isTranscoding(entry) || deps.transcodeProgress === undefined) return null;
  return deps.transcodeProgress(entry.transcodeId).catch((error: unknown) => {
    logger.warn('transcode progress unavailable', { showId: entry.showId, transcodeId: entry.transcodeId, error: error instanceof Error ? error.message : String(error) });
    return null;
  });
};

/** GET /studio/shows: the caller's own shows from the creator index, with a running transcode's progress. */
export const studioApi = (deps: CatalogReadDeps) => ({
  listStudioShows: httpHandler({ ...catalogRoutes.listStudioShows, clock: deps.clock }, async ({ query, caller }) => {
    if (caller === undefined) throw unauthorized();
    const page = await listCreatorShows(deps.db, deps.tables.catalog, await deps.generation(), { creatorId: caller.userId, limit: query.limit, cursor: query.cursor }).catch((error: unknown) => {
      throw error instanceof InvalidCursorError ? new HttpError(400, 'invalid_cursor', error.message) : error;
    });
    const transcoding = new Set(page.items.filter(isTranscoding).slice(0, maxProgressLookups).map((entry) => entry.showId));
    const items = await Promise.all(page.items.map(async (entry) => studioItemOf(entry, transcoding.has(entry.showId) ? await percentOf(deps, entry) : null)));
    return json(200, { items, nextCursor: page.nextCursor }, { 'cache-control': privateCaching });
  }),
});
