import type { EventStore } from '../../adapters/eventstore';
import { playbackAccess } from '../../domain/catalog';
import { decidePlayback } from '../../domain/payments';
import type { ShowState } from '../../domain/show';
import type { PlaybackConfig } from '../delivery/config';
import type { PlaybackGrant } from '../delivery/signing';
import type { Caller } from '../http/caller';
import { HttpError, notFound } from '../http/errors';
import { httpHandler } from '../http/httpHandler';
import { json } from '../http/response';
import type { Clock } from '../runtime/clock';
import { creatorOf } from '../shows/creatorOf';
import { loadShow } from '../shows/showCommands';
import { loadPremium } from './premium';
import { paymentRoutes } from './routes';

/** The ports of the playback route: the event store (shows and premium), the signer and its settings, the clock. */
export interface PlaybackDeps {
  readonly store: EventStore;
  readonly playback: PlaybackConfig;
  readonly clock: Clock;
}

/** A show drafted before premium existed reads as free (ShowDrafted v2 upcasts with premium: false). */
const premiumOf = (state: ShowState): boolean => state.metadata?.premium === true;

/** The outputs of the published transcode: what a viewer's grant covers. */
const publishedOutputs = (state: ShowState) =>
  state.publication !== null && state.transcode?.transcodeId === state.publication.transcodeId ? (state.transcode.result?.outputs ?? []) : [];

/** Its creator and admins play the published transcode, or before publication the latest finished one. */
const previewOutputs = (state: ShowState) => (state.status === 'published' ? publishedOutputs(state) : (state.transcode?.result?.outputs ?? []));

/** The signed cookies as Set-Cookie values, when the API shares a parent domain with the CDN. */
const setCookies = (grant: PlaybackGrant, domain: string | undefined, ttlSeconds: number): string[] => {
  if (grant.cloudFront === undefined || domain === undefined) return [];
  const path = new URL(grant.cloudFront.resource.replace(/\*$/, '')).pathname;
  return Object.entries(grant.cloudFront.cookies).map(([name, value]) => `${name}=${value}; Domain=${domain}; Path=${path}; Max-Age=${ttlSeconds}; Secure; HttpOnly; SameSite=None`);
};

/** Whether the caller drafted the show; read only when it matters (the show is not simply open to everyone). */
const isOwner = async (store: EventStore, showId: string, state: ShowState, caller: Caller | undefined): Promise<boolean> => {
  const openToAll = state.status === 'published' && state.visibility !== 'private' && !premiumOf(state);
  if (caller === undefined || openToAll) return false;
  return (await creatorOf(store, showId)) === caller.userId;
};

/** The outputs this caller may play, or the answer saying why not. */
const outputsFor = async ({ store }: PlaybackDeps, showId: string, state: ShowState, caller: Caller | undefined, now: string) => {
  const viewer = { owner: await isOwner(store, showId, state, caller), admin: caller?.roles.includes('admin') === true };
  const access = playbackAccess({ deleted: state.status === 'deleted', withdrawn: state.status === 'withdrawn', published: state.status === 'published', visibility: state.visibility }, viewer);
  if (access === 'hidden') throw notFound(`show ${showId}`);
  if (access === 'preview') {
    const outputs = previewOutputs(state);
    if (outputs.length === 0) throw new HttpError(409, 'NOTHING_TO_PLAY', `show ${showId} has no finished transcode yet: play it once processing has transcoded it (GET /studio/shows says where it is)`);
    return outputs;
  }
  const premium = await loadPremium(store, caller?.userId ?? '');
  const decision = decidePlayback({ published: access === 'viewer', premium: premiumOf(state) }, premium, now);
  if (!decision.allowed) throw new HttpError(403, decision.reason, decision.message);
  return publishedOutputs(state);
};

/**
 * GET /shows/{showId}/playback: short-lived access to the published transcode when this viewer may watch, 403 with
 * the reason otherwise; its creator and admins also play it before publication. On AWS: CloudFront signed URLs plus
 * signed cookies (and the same grant as a query string) over the transcode's prefix, so a player can fetch variant
 * playlists and segments too; locally: presigned S3 GETs. A private show is 404 to anyone but its creator and admins.
 */
export const playbackApi = (deps: PlaybackDeps) => ({
  playback: httpHandler({ ...paymentRoutes.playback, clock: deps.clock }, async ({ path, caller, now }) => {
    const config = deps.playback;
    const show = await loadShow(deps.store, path.showId);
    if (show.state.status === 'none') throw notFound(`show ${path.showId}`);
    const outputs = await outputsFor(deps, path.showId, show.state, caller, now);
    const grant = await config.signer.grant({ outputs, now: new Date(now), ttlSeconds: config.ttlSeconds });
    const expiresAt = new Date(Date.parse(now) + config.ttlSeconds * 1000).toISOString();
    const result = json(200, { showId: path.showId, premium: premiumOf(show.state), expiresAt, ...grant }, { 'cache-control': 'private, no-store' });
    const cookies = setCookies(grant, config.cookieDomain, config.ttlSeconds);
    return cookies.length === 0 ? result : { ...result, cookies };
  }),
});
