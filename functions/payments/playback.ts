import type { EventStore } from '../../adapters/eventstore';
import { decidePlayback } from '../../domain/payments';
import type { ShowState } from '../../domain/show';
import type { PlaybackConfig } from '../delivery/config';
import type { PlaybackGrant } from '../delivery/signing';
import { HttpError, notFound } from '../http/errors';
import { httpHandler } from '../http/httpHandler';
import { json } from '../http/response';
import type { Clock } from '../runtime/clock';
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

/** The outputs of the published transcode: what the grant covers. */
const publishedOutputs = (state: ShowState) =>
  state.publication !== null && state.transcode?.transcodeId === state.publication.transcodeId ? (state.transcode.result?.outputs ?? []) : [];

/** The signed cookies as Set-Cookie values, when the API shares a parent domain with the CDN. */
const setCookies = (grant: PlaybackGrant, domain: string | undefined, ttlSeconds: number): string[] => {
  if (grant.cloudFront === undefined || domain === undefined) return [];
  const path = new URL(grant.cloudFront.resource.replace(/\*$/, '')).pathname;
  return Object.entries(grant.cloudFront.cookies).map(([name, value]) => `${name}=${value}; Domain=${domain}; Path=${path}; Max-Age=${ttlSeconds}; Secure; HttpOnly; SameSite=None`);
};

/**
 * GET /shows/{showId}/playback: short-lived access to the published transcode when this viewer may watch, 403 with
 * the reason otherwise. On AWS: CloudFront signed URLs plus signed cookies (and the same grant as a query string)
 * over the transcode's prefix, so a player can fetch variant playlists and segments too; locally: presigned S3 GETs.
 */
export const playbackApi = ({ store, playback: config, clock }: PlaybackDeps) => ({
  playback: httpHandler({ ...paymentRoutes.playback, clock }, async ({ path, caller, now }) => {
    const show = await loadShow(store, path.showId);
    if (show.state.status === 'none') throw notFound(`show ${path.showId}`);
    const premium = await loadPremium(store, caller?.userId ?? '');
    const decision = decidePlayback({ published: show.state.status === 'published', premium: premiumOf(show.state) }, premium, now);
    if (!decision.allowed) throw new HttpError(403, decision.reason, decision.message);
    const grant = await config.signer.grant({ outputs: publishedOutputs(show.state), now: new Date(now), ttlSeconds: config.ttlSeconds });
    const expiresAt = new Date(Date.parse(now) + config.ttlSeconds * 1000).toISOString();
    const result = json(200, { showId: path.showId, premium: premiumOf(show.state), expiresAt, ...grant }, { 'cache-control': 'private, no-store' });
    const cookies = setCookies(grant, config.cookieDomain, config.ttlSeconds);
    return cookies.length === 0 ? result : { ...result, cookies };
  }),
});
