import * as z from 'zod';
import { FfmpegError, ffprobePath, run } from '../../adapters/media/ffmpeg';
import type { IngestFailureReason } from '../../events/catalog/ingestFailed';
import type { SourceProbe } from '../../events/catalog/sourceProbed';

const ffprobeOutput = z.object({
  format: z.looseObject({ format_name: z.string(), duration: z.coerce.number().optional(), bit_rate: z.coerce.number().optional() }).optional(),
  streams: z
    .array(
      z.looseObject({
        index: z.number().int(),
        codec_type: z.string().optional(),
        codec_name: z.string().optional(),
        width: z.number().int().optional(),
        height: z.number().int().optional(),
        avg_frame_rate: z.string().optional(),
        r_frame_rate: z.string().optional(),
        bit_rate: z.coerce.number().optional(),
        channels: z.number().int().optional(),
        sample_rate: z.coerce.number().optional(),
        tags: z.looseObject({ rotate: z.coerce.number().optional(), language: z.string().optional() }).optional(),
        side_data_list: z.array(z.looseObject({ rotation: z.number().optional() })).optional(),
      }),
    )
    .default([]),
});

export type ProbeOutcome =
  | { readonly ok: true; readonly probe: Omit<SourceProbe, 'showId' | 'uploadId'> }
  | { readonly ok: false; readonly reason: IngestFailureReason; readonly message: string };

const fraction = (text: string | undefined): number => {
  const [num = 0, den = 1] = (text ?? '0/1').split('/').map(Number);
  return den > 0 && Number.isFinite(num / den) ? num / den : 0;
};

const positiveOrUndefined = (n: number | undefined) => (n !== undefined && Number.isFinite(n) && n > 0 ? { bitrateBps: Math.round(n) } : {});

const rotationOf = (stream: z.infer<typeof ffprobeOutput>['streams'][number]): 0 | 90 | 180 | 270 => {
  // The display matrix counts counter-clockwise (-90 for a phone's `rotate=90` tag); the tag counts clockwise.
  const matrix = stream.side_data_list?.find((d) => d.rotation !== undefined)?.rotation;
  const raw = stream.tags?.rotate ?? (matrix === undefined ? 0 : -matrix);
  const normalized = (((Math.round(raw / 90) * 90) % 360) + 360) % 360;
  return normalized === 90 || normalized === 180 || normalized === 270 ? normalized : 0;
};

/** What a creator can do about a source we cannot use: the formats every transcoder here (ffmpeg, MediaConvert) reads. */
export const supportedSourcesHint = 'upload H.264, HEVC, VP9 or AV1 video in MP4, MOV, MKV, WebM or MPEG-TS (.ts, .mts, .m2ts)';

/**
 * Video codecs the transcoders decode: the bundled ffmpeg has decoders for all of these, and MediaConvert takes
 * them as inputs. Anything else (Theora, FFV1, Cinepak...) would fail later in the transcode with a codec error.
 */
export const decodableVideoCodecs: ReadonlySet<string> = new Set(['h264', 'hevc', 'vp8', 'vp9', 'av1', 'mpeg1video', 'mpeg2video', 'mpeg4', 'prores', 'dnxhd', 'dvvideo', 'vc1']);

const undecodable = (video: readonly { index: number; codec: string }[]): ProbeOutcome | null => {
  const [main] = [...video].sort((a, b) => a.index - b.index);
  if (main === undefined || decodableVideoCodecs.has(main.codec)) return null;
  return { ok: false, reason: 'UNSUPPORTED_FORMAT', message: `The video codec ${main.codec} cannot be decoded; ${supportedSourcesHint}.` };
};

/**
 * Maps ffprobe's JSON to the probe the domain records; a file with no duration or no streams is unreadable, one
 * whose main video stream no transcoder here decodes is unsupported.
 */
export const probeFromFfprobe = (json: unknown): ProbeOutcome => {
  const parsed = ffprobeOutput.safeParse(json);
  if (!parsed.success || parsed.data.format === undefined) return { ok: false, reason: 'SOURCE_UNREADABLE', message: 'ffprobe found no container in the source.' };
  const { format, streams } = parsed.data;
  const durationMs = Math.round((format.duration ?? 0) * 1000);
  if (durationMs <= 0) return { ok: false, reason: 'SOURCE_UNREADABLE', message: `The source (${format.format_name}) has no playable duration.` };
  const video = streams
    .filter((s) => s.codec_type === 'video' && (s.width ?? 0) > 0 && (s.height ?? 0) > 0 && s.codec_name !== 'mjpeg' && s.codec_name !== 'png')
    .map((s) => ({
      index: s.index,
      codec: s.codec_name ?? 'unknown',
      width: s.width ?? 0,
      height: s.height ?? 0,
      rotation: rotationOf(s),
      frameRate: Math.min(1000, Math.max(0.001, fraction(s.avg_frame_rate) || fraction(s.r_frame_rate) || 25)),
      ...positiveOrUndefined(s.bit_rate),
    }));
  const audio = streams
    .filter((s) => s.codec_type === 'audio' && (s.channels ?? 0) > 0 && (s.sample_rate ?? 0) > 0)
    .map((s) => ({
      index: s.index,
      codec: s.codec_name ?? 'unknown',
      channels: s.channels ?? 1,
      sampleRateHz: Math.round(s.sample_rate ?? 0),
      ...positiveOrUndefined(s.bit_rate),
      ...(s.tags?.language ? { language: s.tags.language.slice(0, 35) } : {}),
    }));
  const refusal = undecodable(video);
  if (refusal !== null) return refusal;
  const overall = format.bit_rate !== undefined && format.bit_rate > 0 ? { overallBitrateBps: Math.round(format.bit_rate) } : {};
  return { ok: true, probe: { container: format.format_name.slice(0, 64), durationMs, ...overall, video: video.slice(0, 16), audio: audio.slice(0, 64) } };
};

/** Probes a source by URL (a presigned GET), never downloading it whole; bounded in time. */
export const probeSource = async (url: string, timeoutMs = 60_000): Promise<ProbeOutcome> => {
  const timeout = new Promise<ProbeOutcome>((resolve) => {
    const timer = setTimeout(() => resolve({ ok: false, reason: 'PROBE_TIMED_OUT', message: `ffprobe did not answer within ${timeoutMs / 1000} s.` }), timeoutMs);
    timer.unref();
  });
  const probing = run(ffprobePath, ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', url]).then(
    ({ stdout }) => probeFromFfprobe(JSON.parse(stdout) as unknown),
    (error: unknown): ProbeOutcome => ({
      ok: false,
      reason: 'SOURCE_UNREADABLE',
      message: `The source cannot be read as a video (${supportedSourcesHint}): ${error instanceof FfmpegError ? error.stderrTail.replace(/https?:\/\/\S+/g, '<source>') : String(error)}`.slice(0, 2000),
    }),
  );
  return Promise.race([probing, timeout]);
};
