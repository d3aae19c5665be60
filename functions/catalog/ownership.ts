import type { EventStore } from '../../adapters/eventstore';
import { isOwnerOrAdmin, type Viewer } from '../../domain/catalog';
import type { ShowState } from '../../domain/show';
import { HttpError, notFound } from '../http/errors';
import { creatorOf } from '../shows/creatorOf';
import { loadShow } from '../shows/showCommands';

/** Whether anyone may see the show (published, public or unlisted): the one case where a stranger learns it exists. */
const openToAll = (state: ShowState) => state.status === 'published' && state.visibility !== 'private';

export interface OwnedShow {
  readonly state: ShowState;
  readonly version: number;
  readonly creatorId: string;
}

/**
 * The show when the viewer is its creator or an admin. Anyone else gets 404 for a show they cannot see (a private or
 * unpublished one stays unknown to them) and 403 for one they can see but not change; a deleted show is 404 unless
 * `deletedToo` (DELETE answers its owner again, idempotently).
 */
export const requireOwnedShow = async (store: EventStore, showId: string, viewer: Viewer | undefined, options: { deletedToo?: boolean } = {}): Promise<OwnedShow> => {
  const { state, version } = await loadShow(store, showId);
  const creatorId = state.status === 'none' ? undefined : await creatorOf(store, showId);
  const gone = state.status === 'deleted' && options.deletedToo !== true;
  if (creatorId === undefined || gone) throw notFound(`show ${showId}`);
  if (isOwnerOrAdmin({ creatorId }, viewer)) return { state, version, creatorId };
  if (!openToAll(state)) throw notFound(`show ${showId}`);
  throw new HttpError(403, 'not_your_show', `only the creator of show ${showId} or an admin may change it`);
};
