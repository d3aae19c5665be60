import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { captionsFolder, subtitleFileOf, subtitlePlaylist, subtitlePlaylistOf, withDashTextTracks, withHlsSubtitles } from '../../domain/captions/manifests';
import type { JobPaths } from './commands';
import type { S3Location, TranscodePlan } from './plan';
import { download, uploadDir } from './s3Transfer';
import { durationOf } from './sourceDuration';

/**
 * What MediaConvert's caption settings make of a job's captions, done locally with what functions/captions does
 * after a transcode (domain/captions/manifests.ts): each language's WebVTT file and a one-segment subtitles playlist
 * under `<prefix>/captions/`, a SUBTITLES rendition per language in the HLS master and a WebVTT text set per
 * language in the DASH manifest. (MediaConvert itself would write DASH ISO captions as TTML sidecars; the players
 * read either.) The WebVTT files are in `paths.captions` already: the transcoder downloaded them from S3.
 */
export const writeCaptions = async (plan: TranscodePlan, paths: JobPaths, manifests: { hlsMaster: string | null; dashManifest: string | null }): Promise<void> => {
  if (plan.captions.length === 0) return;
  const durationMs = (await durationOf(paths.source)) * 1000;
  await Promise.all(plan.captions.map((track) => writeFile(join(paths.captions, subtitlePlaylistOf(track.language)), subtitlePlaylist(track.language, durationMs))));
  const rewrite = async (file: string | null, change: (text: string) => string) => {
    if (file !== null) await writeFile(file, change(await readFile(file, 'utf8')));
  };
  await rewrite(manifests.hlsMaster, (master) => withHlsSubtitles(master, plan.captions));
  await rewrite(manifests.dashManifest, (mpd) => withDashTextTracks(mpd, plan.captions));
};

/** Where a caption's WebVTT file is put before the job runs. */
export const captionFileOf = (paths: JobPaths, language: string) => join(paths.captions, subtitleFileOf(language));

/** The captions' WebVTT files, which the caption selectors name: read before any encode, so a missing one fails the job (1030). */
export const downloadCaptions = async (s3: S3Client, plan: TranscodePlan, paths: JobPaths): Promise<void> => {
  await mkdir(paths.captions, { recursive: true });
  await Promise.all(plan.captions.map((track) => download(s3, track.source, captionFileOf(paths, track.language))));
};

/** `<prefix>/captions/` beside the streaming group's folder (`<prefix>/hls/master` -> `<prefix>/captions/`), as uploadDir takes it. */
export const captionsDestinationOf = (plan: TranscodePlan): S3Location | null => {
  const streaming = plan.hls ?? plan.cmaf ?? plan.dash;
  if (streaming === null || plan.captions.length === 0) return null;
  const prefix = streaming.destination.key.split('/').slice(0, -2).join('/');
  return { bucket: streaming.destination.bucket, key: `${prefix === '' ? '' : `${prefix}/`}${captionsFolder}/_` };
};

export const uploadCaptions = async (s3: S3Client, plan: TranscodePlan, paths: JobPaths): Promise<string[]> => {
  const destination = captionsDestinationOf(plan);
  return destination === null ? [] : uploadDir(s3, paths.captions, destination);
};
