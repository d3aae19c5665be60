import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { baseNameOf, cmafPlaylistName, encodedFile, hlsPlaylistName, type JobPaths } from './commands';
import type { Rendition, TranscodePlan } from './plan';
import { encodedFacts, playlistBitrates, type Bitrates, type EncodedFacts } from './renditionFacts';

/** One EXT-X-STREAM-INF of an HLS master: the attributes of RFC 8216 4.3.4.2 that players pick a variant by. */
export interface Variant {
  /** The bitrate the rendition was asked for: what orders the variants. */
  readonly videoBitrate: number;
  readonly uri: string;
  readonly bitrates: Bitrates;
  readonly codecs: readonly string[];
  readonly width: number;
  readonly height: number;
  readonly frameRate: number;
  /** The GROUP-ID of the audio rendition it plays with (CMAF: the audio is its own playlist). */
  readonly audioGroup?: string;
}

export interface AudioRendition {
  readonly groupId: string;
  readonly name: string;
  readonly uri: string;
}

/** An HLS master playlist, variants in the order given (the ladder's, lowest first: where players start). */
export const masterPlaylist = (variants: readonly Variant[], options: { version: number; audio?: AudioRendition } = { version: 3 }): string => {
  const lines = ['#EXTM3U', `#EXT-X-VERSION:${options.version}`, '#EXT-X-INDEPENDENT-SEGMENTS'];
  if (options.audio) lines.push(`#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="${options.audio.groupId}",NAME="${options.audio.name}",DEFAULT=YES,AUTOSELECT=YES,URI="${options.audio.uri}"`);
  for (const variant of variants) {
    const attributes = [
      `BANDWIDTH=${variant.bitrates.peak}`,
      `AVERAGE-BANDWIDTH=${variant.bitrates.average}`,
      `CODECS="${variant.codecs.join(',')}"`,
      `RESOLUTION=${variant.width}x${variant.height}`,
      `FRAME-RATE=${variant.frameRate.toFixed(3)}`,
      ...(variant.audioGroup === undefined ? [] : [`AUDIO="${variant.audioGroup}"`]),
    ];
    lines.push(`#EXT-X-STREAM-INF:${attributes.join(',')}`, variant.uri);
  }
  return `${lines.join('\n')}\n`;
};

const codecsOf = (facts: EncodedFacts) => [facts.videoCodec, ...(facts.audioCodec === null ? [] : [facts.audioCodec])];

// The ladder's order, lowest bitrate first, whatever order the job listed its outputs in.
const byBitrate = <T extends { videoBitrate: number }>(renditions: readonly T[]): T[] => [...renditions].sort((a, b) => a.videoBitrate - b.videoBitrate);

const factsOf = (paths: JobPaths, renditions: readonly Rendition[]) => Promise.all(renditions.map((rendition) => encodedFacts(encodedFile(paths, rendition))));

/** HLS with MPEG-TS segments: each rendition's playlist has its audio muxed in, so its segments are the variant's whole bit rate. */
const separateMaster = async (plan: TranscodePlan, paths: JobPaths): Promise<string> => {
  const renditions = byBitrate(plan.renditions);
  const facts = await factsOf(paths, renditions);
  const variants = await Promise.all(
    renditions.map(async (rendition, index): Promise<Variant> => {
      const uri = `${hlsPlaylistName(plan, rendition)}.m3u8`;
      const encoded = facts[index] as EncodedFacts;
      return { videoBitrate: rendition.videoBitrate, uri, bitrates: await playlistBitrates(join(paths.hls, uri)), codecs: codecsOf(encoded), ...encoded };
    }),
  );
  return masterPlaylist(variants, { version: 3 });
};

/** CMAF: video-only variants and one audio rendition, as the DASH muxer numbered their playlists (videos, then audio). */
const cmafMaster = async (plan: TranscodePlan, paths: JobPaths): Promise<string> => {
  const facts = await factsOf(paths, plan.renditions);
  const audioPlaylist = cmafPlaylistName(plan.renditions.length);
  const audio = facts[0]?.audioCodec ? { groupId: 'audio', name: 'audio', uri: audioPlaylist } : undefined;
  const audioBitrates = audio === undefined ? { peak: 0, average: 0 } : await playlistBitrates(join(paths.cmaf, audioPlaylist));
  const variants = await Promise.all(
    plan.renditions.map(async (_, index): Promise<Variant> => {
      const encoded = facts[index] as EncodedFacts;
      const video = await playlistBitrates(join(paths.cmaf, cmafPlaylistName(index)));
      return {
        videoBitrate: plan.renditions[index]?.videoBitrate ?? 0,
        uri: cmafPlaylistName(index),
        bitrates: { peak: video.peak + audioBitrates.peak, average: video.average + audioBitrates.average },
        codecs: codecsOf(encoded),
        ...encoded,
        ...(audio === undefined ? {} : { audioGroup: audio.groupId }),
      };
    }),
  );
  return masterPlaylist(byBitrate(variants), { version: 7, ...(audio === undefined ? {} : { audio }) });
};

/**
 * Writes the manifests players open, once every rendition is packaged: the HLS master (of the HLS group, or of the
 * CMAF group, replacing the DASH muxer's own); the DASH manifests are the muxer's. Everything a later step adds to
 * the manifests (subtitle renditions, text tracks) hooks in after this, on the files it names.
 */
export const writeManifests = async (plan: TranscodePlan, paths: JobPaths): Promise<{ hlsMaster: string | null; dashManifest: string | null }> => {
  if (plan.cmaf !== null) {
    const base = baseNameOf(plan.cmaf.destination.key);
    const hlsMaster = join(paths.cmaf, `${base}.m3u8`);
    // ffmpeg 4.1's DASH muxer always names its master master.m3u8.
    if (base !== 'master') await rm(join(paths.cmaf, 'master.m3u8'), { force: true });
    await writeFile(hlsMaster, await cmafMaster(plan, paths));
    return { hlsMaster, dashManifest: join(paths.cmaf, `${base}.mpd`) };
  }
  const hlsMaster = plan.hls === null ? null : join(paths.hls, `${baseNameOf(plan.hls.destination.key)}.m3u8`);
  if (hlsMaster !== null) await writeFile(hlsMaster, await separateMaster(plan, paths));
  return { hlsMaster, dashManifest: plan.dash === null ? null : join(paths.dash, `${baseNameOf(plan.dash.destination.key)}.mpd`) };
};
