import type { CatalogEntry } from './entry';

/** Who asks: a signed-in user's id and whether they are an admin; undefined for an anonymous request. */
export interface Viewer {
  readonly userId: string;
  readonly admin: boolean;
}

type Seen = Pick<CatalogEntry, 'status' | 'visibility' | 'creatorId'>;

/** The show's creator or an admin: who may see, play, edit and delete it in any state. */
export const isOwnerOrAdmin = (show: Pick<CatalogEntry, 'creatorId'>, viewer: Viewer | undefined): boolean =>
  viewer !== undefined && (viewer.admin || viewer.userId === show.creatorId);

/**
 * Who sees a show (GET /shows/{showId}, playback). Deleted: nobody (404). Its creator and admins: every other show
 * (admins still see withdrawn ones, for support; a withdrawn show is gone for its creator). Anyone else: a published
 * show that is public or unlisted (the link is the key), never a private one.
 */
export const canSee = (show: Seen, viewer: Viewer | undefined): boolean => {
  if (show.status === 'deleted') return false;
  if (viewer?.admin === true) return true;
  if (show.status === 'withdrawn') return false;
  if (isOwnerOrAdmin(show, viewer)) return true;
  return show.status === 'published' && show.visibility !== 'private';
};

/** Whether GET /shows lists it: published and public. */
export const isListed = (show: Pick<CatalogEntry, 'status' | 'visibility'>): boolean => show.status === 'published' && show.visibility === 'public';

/**
 * How a viewer may play a show. `hidden`: as if it did not exist (404). `preview`: its creator or an admin, who play
 * any finished transcode of it, published or not, premium or not. `viewer`: a published public or unlisted show,
 * under the premium rules. `notPublished`: a show anyone may know of, not out yet.
 */
export type PlaybackAccess = 'hidden' | 'preview' | 'viewer' | 'notPublished';

export const playbackAccess = (
  show: { readonly deleted: boolean; readonly withdrawn: boolean; readonly published: boolean; readonly visibility: CatalogEntry['visibility'] },
  viewer: { readonly owner: boolean; readonly admin: boolean },
): PlaybackAccess => {
  if (show.deleted) return 'hidden';
  if (viewer.admin) return 'preview';
  if (show.withdrawn) return 'hidden';
  if (viewer.owner) return 'preview';
  if (show.visibility === 'private') return 'hidden';
  return show.published ? 'viewer' : 'notPublished';
};
