import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { z } from 'zod';
import { decidePlayback } from '../../domain/payments';
import type { ShowState } from '../../domain/show';
import { HttpError, notFound } from '../http/errors';
import { httpHandler } from '../http/httpHandler';
import { json } from '../http/response';
import { eventStore, readConfig } from '../shared/eventStore';
import { s3Client } from '../shared/s3';
import { loadShow } from '../shows/showCommands';
import { loadPremium } from './premium';

const config = readConfig(
  z.object({ PLAYBACK_BUCKET: z.string().min(3), PLAYBACK_URL_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(300) }),
  process.env,
  'playback configuration',
);

/** A show drafted before premium existed reads as free (ShowDrafted v2 upcasts with premium: false). */
const premiumOf = (state: ShowState): boolean => state.metadata?.premium === true;

/** The output keys of the published transcode: what the signed URLs point at. */
const publishedKeys = (state: ShowState) =>
  state.publication !== null && state.transcode?.transcodeId === state.publication.transcodeId ? (state.transcode.result?.outputs ?? []) : [];

/**
 * GET /shows/{showId}/playback: short-lived signed URLs when this viewer may watch, 403 with the reason otherwise.
 * Presigned S3 GETs here and locally; on AWS behind CloudFront these become CloudFront signed URLs (or cookies,
 * so an HLS player can fetch segments too).
 */
export const handler = httpHandler({ path: z.object({ showId: z.string().min(1).max(128) }), access: { roles: [] } }, async ({ path, caller, now }) => {
  const store = eventStore();
  const show = await loadShow(store, path.showId);
  if (show.state.status === 'none') throw notFound(`show ${path.showId}`);
  const premium = await loadPremium(store, caller?.userId ?? '');
  const decision = decidePlayback({ published: show.state.status === 'published', premium: premiumOf(show.state) }, premium, now);
  if (!decision.allowed) throw new HttpError(403, decision.reason, decision.message);
  const expiresAt = new Date(Date.parse(now) + config.PLAYBACK_URL_TTL_SECONDS * 1000).toISOString();
  const sources = await Promise.all(
    publishedKeys(show.state).map(async (output) => ({
      format: output.format,
      url: await getSignedUrl(s3Client(), new GetObjectCommand({ Bucket: config.PLAYBACK_BUCKET, Key: output.key }), { expiresIn: config.PLAYBACK_URL_TTL_SECONDS }),
    })),
  );
  return json(200, { showId: path.showId, premium: premiumOf(show.state), expiresAt, sources }, { 'cache-control': 'private, no-store' });
});
