/**
 * The caption parts of a transcode's manifests, written from the show's current captions: HLS subtitle renditions
 * (EXT-X-MEDIA TYPE=SUBTITLES and a subtitles media playlist per language) and DASH text AdaptationSets. Each
 * function first strips what an earlier run (or MediaConvert) wrote, so running it again, or after a language was
 * removed, gives exactly the current tracks. Pure text in, text out: functions/captions reads and writes the objects.
 */

export interface CaptionTrack {
  readonly language: string;
  readonly label: string;
}

/** The subtitle files sit beside hls/ and dash/ in the transcode's prefix: `<prefix>/captions/<language>.vtt`. */
export const captionsFolder = 'captions';
export const subtitleFileOf = (language: string) => `${language}.vtt`;
export const subtitlePlaylistOf = (language: string) => `${language}.m3u8`;
export const subtitlesGroupId = 'subs';

// A quoted-string of HLS may hold neither a double quote nor a line break.
const hlsQuoted = (text: string) => text.replace(/["\r\n]/g, "'");
const xmlEscaped = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** NAME must be unique within the group: a label two tracks share gets its language added. */
const namesOf = (tracks: readonly CaptionTrack[]) =>
  tracks.map((track) => (tracks.filter((other) => other.label === track.label).length > 1 ? `${track.label} (${track.language})` : track.label));

const subtitlesAttribute = /,SUBTITLES="[^"]*"/;

/** The HLS master with one subtitle rendition per track, referenced by every variant stream. */
export const withHlsSubtitles = (master: string, tracks: readonly CaptionTrack[]): string => {
  const lines = master.split(/\r?\n/).filter((line) => !line.startsWith('#EXT-X-MEDIA:TYPE=SUBTITLES'));
  const withoutGroup = lines.map((line) => (line.startsWith('#EXT-X-STREAM-INF:') ? line.replace(subtitlesAttribute, '') : line));
  if (tracks.length === 0) return withoutGroup.join('\n');
  const names = namesOf(tracks);
  const media = tracks.map(
    (track, index) =>
      `#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="${subtitlesGroupId}",NAME="${hlsQuoted(names[index] ?? track.label)}",LANGUAGE="${track.language}",DEFAULT=NO,AUTOSELECT=YES,FORCED=NO,URI="../${captionsFolder}/${subtitlePlaylistOf(track.language)}"`,
  );
  const firstVariant = withoutGroup.findIndex((line) => line.startsWith('#EXT-X-STREAM-INF:'));
  const at = firstVariant === -1 ? withoutGroup.length : firstVariant;
  const variants = withoutGroup.map((line) => (line.startsWith('#EXT-X-STREAM-INF:') ? `${line},SUBTITLES="${subtitlesGroupId}"` : line));
  return [...variants.slice(0, at), ...media, ...variants.slice(at)].join('\n');
};

/** A VOD media playlist of one segment: the whole WebVTT file, as long as the show. */
export const subtitlePlaylist = (language: string, durationMs: number): string => {
  const seconds = Math.max(durationMs / 1000, 0.001);
  return [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    `#EXT-X-TARGETDURATION:${Math.ceil(seconds)}`,
    '#EXT-X-MEDIA-SEQUENCE:0',
    '#EXT-X-PLAYLIST-TYPE:VOD',
    `#EXTINF:${seconds.toFixed(3)},`,
    subtitleFileOf(language),
    '#EXT-X-ENDLIST',
    '',
  ].join('\n');
};

const textAdaptationSet = /[ \t]*<AdaptationSet\b[^>]*(?:contentType="text"|mimeType="text\/vtt")[^>]*>[\s\S]*?<\/AdaptationSet>\r?\n?/g;

const nextAdaptationSetId = (mpd: string): number => {
  const ids = [...mpd.matchAll(/<AdaptationSet\b[^>]*\bid="(\d+)"/g)].map((match) => Number(match[1]));
  return ids.length === 0 ? 0 : Math.max(...ids) + 1;
};

const textTrack = (track: CaptionTrack, id: number, label: string) =>
  [
    `\t\t<AdaptationSet id="${id}" contentType="text" mimeType="text/vtt" lang="${track.language}">`,
    '\t\t\t<Role schemeIdUri="urn:mpeg:dash:role:2011" value="subtitle"/>',
    `\t\t\t<Label>${xmlEscaped(label)}</Label>`,
    `\t\t\t<Representation id="captions-${track.language}" bandwidth="256">`,
    `\t\t\t\t<BaseURL>../${captionsFolder}/${subtitleFileOf(track.language)}</BaseURL>`,
    '\t\t\t</Representation>',
    '\t\t</AdaptationSet>',
  ].join('\n');

/** The DASH manifest with one text AdaptationSet (WebVTT sidecar) per track, in its (first) Period. */
export const withDashTextTracks = (mpd: string, tracks: readonly CaptionTrack[]): string => {
  const stripped = mpd.replace(textAdaptationSet, '');
  if (tracks.length === 0) return stripped;
  const periodEnd = stripped.indexOf('</Period>');
  if (periodEnd === -1) throw new Error('the DASH manifest has no Period to add text tracks to');
  const first = nextAdaptationSetId(stripped);
  const names = namesOf(tracks);
  const sets = tracks.map((track, index) => textTrack(track, first + index, names[index] ?? track.label)).join('\n');
  const lineStart = stripped.lastIndexOf('\n', periodEnd) + 1;
  return `${stripped.slice(0, lineStart)}${sets}\n${stripped.slice(lineStart)}`;
};
