/** A subtitle track as hls.js lists it (hls.subtitleTracks: the master's EXT-X-MEDIA TYPE=SUBTITLES). */
export interface SubtitleTrack {
  readonly name: string;
  readonly lang?: string | undefined;
  readonly forced?: boolean | undefined;
}

export interface CaptionChoice {
  /** hls.subtitleTrack's index; -1 is off. */
  readonly index: number;
  readonly label: string;
}

const languageName = (lang: string): string | undefined => {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(lang);
  } catch {
    return undefined;
  }
};

/**
 * The captions menu: off, then every track a viewer can pick (forced tracks play by themselves with their language),
 * each named by its NAME, or its language when it has none, its language code added when two names are alike.
 */
export const captionChoices = (tracks: readonly SubtitleTrack[]): CaptionChoice[] => {
  const selectable = tracks.map((track, index) => ({ track, index })).filter(({ track }) => track.forced !== true);
  if (selectable.length === 0) return [];
  const base = ({ name, lang }: SubtitleTrack) => (name.trim() !== '' ? name.trim() : ((lang === undefined ? undefined : languageName(lang)) ?? lang ?? 'Captions'));
  const counts = new Map<string, number>();
  for (const { track } of selectable) counts.set(base(track), (counts.get(base(track)) ?? 0) + 1);
  const label = (track: SubtitleTrack) => ((counts.get(base(track)) ?? 0) > 1 && track.lang !== undefined ? `${base(track)} (${track.lang})` : base(track));
  return [{ index: -1, label: 'Off' }, ...selectable.map(({ track, index }) => ({ index, label: label(track) }))];
};
