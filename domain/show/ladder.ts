import type { Rung } from '../../events/catalog/fields';
import type { SourceProbe } from '../../events/catalog/sourceProbed';

/**
 * The H.264 ladder, by the short side of the picture so portrait sources get the same rungs as landscape.
 * The lower rungs are the AWS VOD solution's; 1440p and 2160p give 4K sources a real top rung, which its
 * users asked for (a "2160p" template that stopped at 1080p).
 */
export const standardLadder: readonly Rung[] = [
  { name: '270p', shortSidePx: 270, videoBitrateKbps: 400 },
  { name: '360p', shortSidePx: 360, videoBitrateKbps: 1500 },
  { name: '540p', shortSidePx: 540, videoBitrateKbps: 3500 },
  { name: '720p', shortSidePx: 720, videoBitrateKbps: 6000 },
  { name: '1080p', shortSidePx: 1080, videoBitrateKbps: 8500 },
  { name: '1440p', shortSidePx: 1440, videoBitrateKbps: 12000 },
  { name: '2160p', shortSidePx: 2160, videoBitrateKbps: 16000 },
];

/**
 * The rungs a source deserves: every standard rung up to its short side, never upscaling (an upscaled rung
 * costs encoding and bandwidth and looks no better). A source smaller than the lowest rung gets one rung at
 * its own size. Returns [] when the probe found no video: nothing to transcode.
 */
export const chooseLadder = (probe: Pick<SourceProbe, 'video'>): Rung[] => {
  const [main] = [...probe.video].sort((a, b) => a.index - b.index);
  if (!main) return [];
  // Rotation swaps width and height on screen but never changes which side is the short one.
  const shortSide = Math.min(main.width, main.height);
  const fitting = standardLadder.filter((rung) => rung.shortSidePx <= shortSide);
  if (fitting.length > 0) return fitting;
  const lowest = standardLadder[0];
  // Encoders want even dimensions for 4:2:0 chroma.
  const evenShortSide = Math.max(2, shortSide - (shortSide % 2));
  return [{ name: `${evenShortSide}p`, shortSidePx: evenShortSide, videoBitrateKbps: lowest?.videoBitrateKbps ?? 400 }];
};
