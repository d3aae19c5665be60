import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { parseCaptions } from '../../domain/captions/subtitles';
import { outputPrefix } from '../../domain/media/jobSettings';
import { requireOwnedShow } from '../catalog/ownership';
import { viewerOf } from '../catalog/views';
import type { Caller } from '../http/caller';
import { HttpError } from '../http/errors';
import { httpHandler } from '../http/httpHandler';
import { json } from '../http/response';
import { executeShowCommand } from '../shows/showCommands';
import type { CaptionsDeps } from './deps';
import { captionRoutes } from './routes';

/**
 * Where a show's caption file in one language is kept: beside its transcodes (`shows/<showId>/<transcodeId>/`), so
 * deleting the show deletes it too. Packaging copies it into each transcode's prefix, which playback grants cover.
 */
export const captionKeyOf = (showId: string, language: string) => `${outputPrefix(showId, 'captions')}/${language}.vtt`;

/** The tag as BCP 47 writes it (`fr-ca` -> `fr-CA`), so one language is one track however a client spells it. */
export const canonicalLanguage = (tag: string): string => {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? tag;
  } catch {
    throw new HttpError(400, 'invalid_language', `"${tag}" is not a BCP 47 language tag: use one such as "en" or "fr-CA"`);
  }
};

/** The language's name in itself ("English", "français (Canada)"): what a viewer looks for in a captions menu. */
export const defaultLabel = (language: string): string => {
  const name = new Intl.DisplayNames([language], { type: 'language', languageDisplay: 'standard', fallback: 'code' }).of(language) ?? language;
  return name.charAt(0).toLocaleUpperCase(language) + name.slice(1);
};

const actorOf = (caller: Caller | undefined) => ({ id: caller?.userId ?? 'anonymous', kind: 'user' as const });

/** PUT and DELETE of a show's captions in one language, by its creator or an admin, through the Show decider. */
export const captionsApi = (deps: CaptionsDeps) => ({
  putCaptions: httpHandler({ ...captionRoutes.putCaptions, clock: deps.clock }, async ({ path, body, caller, requestId, now }) => {
    const language = canonicalLanguage(path.language);
    const parsed = parseCaptions(body.text);
    if (!parsed.ok) throw new HttpError(400, 'invalid_captions', `the caption file is not valid: ${parsed.message}`);
    const { state } = await requireOwnedShow(deps.store, path.showId, viewerOf(caller));
    if (state.status === 'withdrawn') throw new HttpError(409, 'SHOW_WITHDRAWN', `show ${path.showId} was withdrawn: it takes no captions any more`);
    const key = captionKeyOf(path.showId, language);
    // Stored before the fact is recorded: a recorded CaptionsAdded always names a file that is there.
    await deps.s3.send(new PutObjectCommand({ Bucket: deps.mediaBucket, Key: key, Body: parsed.webvtt, ContentType: 'text/vtt; charset=utf-8' }));
    const label = body.label ?? defaultLabel(language);
    const command = { type: 'AddCaptions' as const, showId: path.showId, now, actor: actorOf(caller), language, label, key, sourceFormat: parsed.format, cueCount: parsed.cueCount };
    const handled = await executeShowCommand(deps.store, command, { commandId: requestId, correlationId: requestId, actor: command.actor });
    return json(200, { showId: path.showId, language, label, sourceFormat: parsed.format, cueCount: parsed.cueCount, version: handled.nextExpectedVersion });
  }),

  deleteCaptions: httpHandler({ ...captionRoutes.deleteCaptions, clock: deps.clock }, async ({ path, caller, requestId, now }) => {
    const language = canonicalLanguage(path.language);
    await requireOwnedShow(deps.store, path.showId, viewerOf(caller));
    const command = { type: 'RemoveCaptions' as const, showId: path.showId, now, actor: actorOf(caller), language };
    const handled = await executeShowCommand(deps.store, command, { commandId: requestId, correlationId: requestId, actor: command.actor });
    // After the fact: packaging drops the language from the manifests whether or not the file is still there.
    await deps.s3.send(new DeleteObjectCommand({ Bucket: deps.mediaBucket, Key: captionKeyOf(path.showId, language) }));
    return json(200, { showId: path.showId, language, version: handled.nextExpectedVersion });
  }),
});
