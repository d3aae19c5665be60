import { InvalidCursorError, listShowsNeedingHand } from '../../adapters/projections';
import { HttpError } from '../http/errors';
import { httpHandler } from '../http/httpHandler';
import { json } from '../http/response';
import type { CatalogReadDeps } from './deps';
import { needsHandRoutes } from './needsHandRoutes';
import { studioItemOf } from './views';

/** GET /operations/shows-needing-a-hand: one Query on the catalogue's sparse index of failed and rejected shows. */
export const needsHandApi = (deps: CatalogReadDeps) => ({
  listShowsNeedingHand: httpHandler({ ...needsHandRoutes.listShowsNeedingHand, clock: deps.clock }, async ({ query }) => {
    const page = await listShowsNeedingHand(deps.db, deps.tables.catalog, await deps.generation(), query).catch((error: unknown) => {
      throw error instanceof InvalidCursorError ? new HttpError(400, 'invalid_cursor', error.message) : error;
    });
    const items = page.items.map((entry) => {
      const { progress: _progress, ...item } = studioItemOf(entry, null);
      return { ...item, creatorId: entry.creatorId };
    });
    return json(200, { items, nextCursor: page.nextCursor }, { 'cache-control': 'private, no-store' });
  }),
});
