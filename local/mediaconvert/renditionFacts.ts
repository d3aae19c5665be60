import { open, readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { ffprobePath, run } from '../../adapters/media/ffmpeg';

/**
 * What was really encoded, read back from the files (never from what was asked): the HLS master's CODECS,
 * RESOLUTION and FRAME-RATE come from here, BANDWIDTH and AVERAGE-BANDWIDTH from the segments (RFC 8216 4.3.4.2).
 */
export interface EncodedFacts {
  /** RFC 6381, e.g. avc1.64001f */
  readonly videoCodec: string;
  readonly width: number;
  readonly height: number;
  readonly frameRate: number;
  /** RFC 6381, e.g. mp4a.40.2; null without audio. */
  readonly audioCodec: string | null;
}

const probed = z.object({
  streams: z.array(
    z.looseObject({ codec_type: z.string().optional(), codec_name: z.string().optional(), profile: z.string().optional(), width: z.number().int().optional(), height: z.number().int().optional(), avg_frame_rate: z.string().optional() }),
  ),
});

const hex = (byte: number) => byte.toString(16).padStart(2, '0');

// The avcC box of an MP4 holds the profile, the constraint flags and the level exactly as RFC 6381 spells them;
// the encodes are written with +faststart, so the box is near the start.
const avc1Of = async (file: string): Promise<string> => {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(4 * 1024 * 1024);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const at = head.subarray(0, bytesRead).indexOf('avcC');
    const [version, profile, constraints, level] = [head[at + 4], head[at + 5], head[at + 6], head[at + 7]];
    if (at < 0 || version !== 1 || profile === undefined || constraints === undefined || level === undefined) throw new Error(`${file} has no H.264 configuration (avcC) in its first 4 MiB`);
    return `avc1.${hex(profile)}${hex(constraints)}${hex(level)}`;
  } finally {
    await handle.close();
  }
};

// The AAC object types of RFC 6381 by the profile ffprobe names.
const aacObjectType: Readonly<Record<string, number>> = { LC: 2, 'HE-AAC': 5, 'HE-AACv2': 29 };

const rate = (text: string | undefined) => {
  const [num = 0, den = 1] = (text ?? '0/1').split('/').map(Number);
  return den > 0 ? num / den : 0;
};

/** The facts of one encoded rendition (an MP4 with H.264 video and, maybe, AAC audio). */
export const encodedFacts = async (file: string): Promise<EncodedFacts> => {
  const { stdout } = await run(ffprobePath, ['-v', 'error', '-show_streams', '-of', 'json', file]);
  const { streams } = probed.parse(JSON.parse(stdout));
  const video = streams.find((s) => s.codec_type === 'video');
  const audio = streams.find((s) => s.codec_type === 'audio');
  if (video?.codec_name !== 'h264') throw new Error(`${file}: expected an H.264 video stream, found ${video?.codec_name ?? 'none'}`);
  return {
    videoCodec: await avc1Of(file),
    width: video.width ?? 0,
    height: video.height ?? 0,
    frameRate: rate(video.avg_frame_rate),
    audioCodec: audio === undefined ? null : `mp4a.40.${aacObjectType[audio.profile ?? 'LC'] ?? 2}`,
  };
};

export interface Bitrates {
  /** The largest segment's bits per second: the master's BANDWIDTH. */
  readonly peak: number;
  /** All segments' bits over their duration: AVERAGE-BANDWIDTH. */
  readonly average: number;
}

/** Peak and average bit rates of a media playlist's segments, from their sizes on disk and their EXTINF durations. */
export const playlistBitrates = async (playlist: string): Promise<Bitrates> => {
  const lines = (await readFile(playlist, 'utf8')).split('\n').map((line) => line.trim());
  const segments: { seconds: number; uri: string }[] = [];
  lines.forEach((line, index) => {
    const extinf = /^#EXTINF:([\d.]+)/.exec(line);
    const uri = lines.slice(index + 1).find((next) => next !== '' && !next.startsWith('#'));
    if (extinf?.[1] !== undefined && uri !== undefined) segments.push({ seconds: Number(extinf[1]), uri });
  });
  const sized = await Promise.all(segments.map(async (segment) => ({ ...segment, bits: (await stat(join(dirname(playlist), segment.uri))).size * 8 })));
  if (sized.length === 0) throw new Error(`${playlist} lists no segment`);
  const seconds = sized.reduce((sum, s) => sum + s.seconds, 0);
  return {
    peak: Math.ceil(Math.max(...sized.map((s) => s.bits / Math.max(s.seconds, 0.001)))),
    average: Math.ceil(sized.reduce((sum, s) => sum + s.bits, 0) / Math.max(seconds, 0.001)),
  };
};
