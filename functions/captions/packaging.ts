import { CopyObjectCommand, DeleteObjectsCommand, GetObjectCommand, ListObjectsV2Command, NoSuchKey, PutObjectCommand } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { captionsFolder, subtitleFileOf, subtitlePlaylist, subtitlePlaylistOf, withDashTextTracks, withHlsSubtitles, type CaptionTrack } from '../../domain/captions/manifests';
import { outputKeys, outputPrefix } from '../../domain/media/jobSettings';
import { decodeShowEvent, type ShowState } from '../../domain/show';
import { envelopeSchema } from '../../events/envelope';
import { logger } from '../runtime/logger';
import { loadShow } from '../shows/showCommands';
import type { CaptionsDeps } from './deps';

type Deps = Pick<CaptionsDeps, 's3' | 'mediaBucket'>;

/** The facts that change what a transcode's manifests should say of captions. */
const packagingTriggers = new Set(['CaptionsAdded', 'CaptionsRemoved', 'TranscodeCompleted']);

/** The transcodes players may be given: the latest completed one (under review, or about to be) and the published one. */
const transcodesOf = (state: ShowState): string[] => {
  const ids = [state.transcode?.status === 'completed' ? state.transcode.transcodeId : null, state.publication?.transcodeId ?? null];
  return [...new Set(ids.filter((id): id is string => id !== null))];
};

const readText = async (deps: Deps, key: string): Promise<string | null> => {
  try {
    const object = await deps.s3.send(new GetObjectCommand({ Bucket: deps.mediaBucket, Key: key }));
    return (await object.Body?.transformToString('utf-8')) ?? null;
  } catch (error) {
    if (error instanceof NoSuchKey) return null;
    throw error;
  }
};

const put = (deps: Deps, key: string, body: string, contentType: string) =>
  deps.s3.send(new PutObjectCommand({ Bucket: deps.mediaBucket, Key: key, Body: body, ContentType: contentType }));

/** Rewrites one manifest when it exists and its caption part changes; a transcode without this format is left alone. */
const rewrite = async (deps: Deps, key: string, contentType: string, change: (text: string) => string) => {
  const text = await readText(deps, key);
  if (text === null) return;
  const changed = change(text);
  if (changed !== text) await put(deps, key, changed, contentType);
};

/** The subtitle files of other languages than the current ones: left by a removed track. */
const staleCaptionKeys = async (deps: Deps, folder: string, tracks: readonly CaptionTrack[]): Promise<string[]> => {
  const current = new Set(tracks.flatMap((t) => [`${folder}${subtitleFileOf(t.language)}`, `${folder}${subtitlePlaylistOf(t.language)}`]));
  const listed = await deps.s3.send(new ListObjectsV2Command({ Bucket: deps.mediaBucket, Prefix: folder }));
  return (listed.Contents ?? []).flatMap((object) => (object.Key === undefined || current.has(object.Key) ? [] : [object.Key]));
};

/**
 * One transcode's caption parts from the show's current captions: the subtitle files first, then the manifests that
 * reference them, then the files no manifest references any more, so a player never meets a dangling reference.
 */
const packageTranscode = async (deps: Deps, state: ShowState & { showId: string }, transcodeId: string) => {
  const folder = `${outputPrefix(state.showId, transcodeId)}/${captionsFolder}/`;
  const tracks = state.captions;
  for (const track of tracks) {
    const copySource = `${deps.mediaBucket}/${track.key}`.split('/').map(encodeURIComponent).join('/');
    await deps.s3.send(new CopyObjectCommand({ Bucket: deps.mediaBucket, Key: `${folder}${subtitleFileOf(track.language)}`, CopySource: copySource, ContentType: 'text/vtt; charset=utf-8', MetadataDirective: 'REPLACE' }));
    await put(deps, `${folder}${subtitlePlaylistOf(track.language)}`, subtitlePlaylist(track.language, state.probe?.durationMs ?? 0), 'application/vnd.apple.mpegurl');
  }
  // A transcode's manifests are where its packaging put them (hls/ and dash/, or cmaf/): the layout it lacks is skipped.
  for (const keys of [outputKeys(state.showId, transcodeId, 'separate'), outputKeys(state.showId, transcodeId, 'cmaf')]) {
    await rewrite(deps, keys.hlsMaster, 'application/vnd.apple.mpegurl', (master) => withHlsSubtitles(master, tracks));
    await rewrite(deps, keys.dashManifest, 'application/dash+xml', (mpd) => withDashTextTracks(mpd, tracks));
  }
  const stale = await staleCaptionKeys(deps, folder, tracks);
  if (stale.length > 0) await deps.s3.send(new DeleteObjectsCommand({ Bucket: deps.mediaBucket, Delete: { Objects: stale.map((Key) => ({ Key })), Quiet: true } }));
};

/** Writes the caption parts of every transcode a player may be given; answers how many transcodes it packaged. */
export const packageShowCaptions = async (deps: Deps, state: ShowState): Promise<number> => {
  const { showId } = state;
  if (showId === null || state.status === 'deleted') return 0;
  const transcodes = transcodesOf(state);
  for (const transcodeId of transcodes) await packageTranscode(deps, { ...state, showId }, transcodeId);
  return transcodes.length;
};

const outboxedEventSchema = z.object({ detail: envelopeSchema });

/**
 * Target of the rule on CaptionsAdded, CaptionsRemoved and TranscodeCompleted (outboxed by functions/publisher):
 * captions may come before the transcode or long after publication, so each of these facts (re)writes the caption
 * parts from the show's current state, read from the store. Idempotent: a redelivery writes the same files.
 */
export const packageCaptions = (deps: CaptionsDeps) => async (event: unknown) => {
  const envelope = outboxedEventSchema.parse(event).detail;
  const fact = decodeShowEvent(envelope);
  if (!packagingTriggers.has(fact.type)) return { packagedTranscodes: 0 };
  const { state } = await loadShow(deps.store, fact.data.showId);
  const packagedTranscodes = await packageShowCaptions(deps, state);
  logger.info('packaged captions', { showId: fact.data.showId, eventId: envelope.eventId, languages: state.captions.map((c) => c.language), packagedTranscodes });
  return { packagedTranscodes };
};
