/** A track list with `track` in it: a language already there is replaced in its place, a new one goes last. */
export const withTrack = <T extends { readonly language: string }>(tracks: readonly T[], track: T): T[] =>
  tracks.some((t) => t.language === track.language) ? tracks.map((t) => (t.language === track.language ? track : t)) : [...tracks, track];
