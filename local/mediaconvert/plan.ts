import { z } from 'zod';
import { captionOutputSchema, captionSelectorsSchema, isCaptionOutput, plannedCaptions, type PlannedCaption } from './captionPlan';

/**
 * The part of a MediaConvert CreateJob request the local transcoder honours, parsed from what the state machine
 * sends. Anything it cannot honour is refused with a clear message rather than silently dropped.
 */
const s3Url = z.string().regex(/^s3:\/\/[^/]+\/.+/, 'an s3://bucket/key URL');

const h264Output = z.looseObject({
  NameModifier: z.string().min(1),
  VideoDescription: z.looseObject({
    Width: z.number().int().positive(),
    Height: z.number().int().positive(),
    CodecSettings: z.looseObject({ Codec: z.literal('H_264'), H264Settings: z.looseObject({ MaxBitrate: z.number().int().positive() }) }),
  }),
  AudioDescriptions: z.array(z.looseObject({ CodecSettings: z.looseObject({ AacSettings: z.looseObject({ Bitrate: z.number().int().positive() }) }) })).optional(),
});

const aacAudio = z.looseObject({ CodecSettings: z.looseObject({ AacSettings: z.looseObject({ Bitrate: z.number().int().positive() }) }) });

// CMAF outputs carry one track each: a rung's video, or the audio.
const cmafOutput = z.union([
  h264Output.omit({ AudioDescriptions: true }),
  z.looseObject({ NameModifier: z.string().min(1), VideoDescription: z.undefined().optional(), AudioDescriptions: z.array(aacAudio).length(1) }),
]);

const frameCapture = z.looseObject({
  VideoDescription: z.looseObject({
    Width: z.number().int().positive(),
    Height: z.number().int().positive(),
    CodecSettings: z.looseObject({
      Codec: z.literal('FRAME_CAPTURE'),
      FrameCaptureSettings: z.looseObject({ FramerateNumerator: z.number().positive(), FramerateDenominator: z.number().positive(), MaxCaptures: z.number().int().positive() }),
    }),
  }),
});

const outputGroup = z.discriminatedUnion('type', [
  z.object({ type: z.literal('HLS_GROUP_SETTINGS'), destination: s3Url, segmentSeconds: z.number().positive(), outputs: z.array(h264Output).min(1) }),
  z.object({ type: z.literal('DASH_ISO_GROUP_SETTINGS'), destination: s3Url, segmentSeconds: z.number().positive(), outputs: z.array(h264Output).min(1) }),
  z.object({ type: z.literal('CMAF_GROUP_SETTINGS'), destination: s3Url, segmentSeconds: z.number().positive(), outputs: z.array(cmafOutput).min(1) }),
  z.object({ type: z.literal('FILE_GROUP_SETTINGS'), destination: s3Url, outputs: z.array(frameCapture).length(1) }),
]);

const rawJob = z.looseObject({
  UserMetadata: z.record(z.string(), z.string()).optional(),
  Settings: z.looseObject({
    Inputs: z.array(z.looseObject({ FileInput: s3Url, CaptionSelectors: captionSelectorsSchema })).length(1),
    OutputGroups: z.array(z.looseObject({ OutputGroupSettings: z.looseObject({ Type: z.string() }), Outputs: z.array(z.unknown()) })).min(1),
  }),
});

export interface S3Location {
  readonly bucket: string;
  readonly key: string;
}

export interface Rendition {
  readonly name: string;
  readonly width: number;
  readonly height: number;
  readonly videoBitrate: number;
  /** Null when the job asks for no audio. */
  readonly audioBitrate: number | null;
}

export interface TranscodePlan {
  readonly input: S3Location;
  /** Encoded once, then packaged for HLS and DASH without re-encoding. */
  readonly renditions: readonly Rendition[];
  readonly hls: { readonly destination: S3Location; readonly segmentSeconds: number } | null;
  readonly dash: { readonly destination: S3Location; readonly segmentSeconds: number } | null;
  /** fMP4 segments listed by an HLS master and a DASH manifest both (`<destination>.m3u8`, `.mpd`). */
  readonly cmaf: { readonly destination: S3Location; readonly segmentSeconds: number } | null;
  readonly thumbnails: { readonly destination: S3Location; readonly width: number; readonly height: number; readonly everySeconds: number; readonly max: number } | null;
  /** Caption tracks (captionPlan.ts): subtitle renditions of the HLS master, text sets of the DASH manifest. */
  readonly captions: readonly PlannedCaption[];
  readonly userMetadata: Readonly<Record<string, string>>;
}

export class UnsupportedJobSettingsError extends Error {
  constructor(problem: string) {
    super(`The local MediaConvert cannot run this job: ${problem}`);
    this.name = 'UnsupportedJobSettingsError';
  }
}

const locationOf = (url: string): S3Location => {
  const [, bucket = '', key = ''] = /^s3:\/\/([^/]+)\/(.+)$/.exec(url) ?? [];
  return { bucket, key };
};

const parseOrRefuse = <T>(schema: z.ZodType<T>, value: unknown, where: string): T => {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new UnsupportedJobSettingsError(`${where}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  return parsed.data;
};

const groupOf = (group: z.infer<typeof rawJob>['Settings']['OutputGroups'][number], index: number) => {
  const settings = group.OutputGroupSettings as Record<string, Record<string, unknown> | undefined> & { Type: string };
  const specific = settings.HlsGroupSettings ?? settings.DashIsoGroupSettings ?? settings.CmafGroupSettings ?? settings.FileGroupSettings ?? {};
  const where = `OutputGroups[${index}] (${settings.Type})`;
  // Caption-only outputs sit beside the video outputs of a streaming group; they are planned apart (captionPlan.ts).
  const captions = parseOrRefuse(z.array(captionOutputSchema), group.Outputs.filter(isCaptionOutput), where);
  const outputs = group.Outputs.filter((output) => !isCaptionOutput(output));
  return { ...parseOrRefuse(outputGroup, { type: settings.Type, destination: specific.Destination, segmentSeconds: specific.SegmentLength, outputs }, where), captions };
};

interface VideoOutput {
  readonly NameModifier: string;
  readonly VideoDescription: { readonly Width: number; readonly Height: number; readonly CodecSettings: { readonly H264Settings: { readonly MaxBitrate: number } } };
  readonly AudioDescriptions?: readonly { readonly CodecSettings: { readonly AacSettings: { readonly Bitrate: number } } }[];
}

const renditionOf = (output: VideoOutput): Rendition => ({
  name: output.NameModifier.replace(/^_/, ''),
  width: output.VideoDescription.Width,
  height: output.VideoDescription.Height,
  videoBitrate: output.VideoDescription.CodecSettings.H264Settings.MaxBitrate,
  audioBitrate: output.AudioDescriptions?.[0]?.CodecSettings.AacSettings.Bitrate ?? null,
});

// HLS and DASH share one encode per rendition, so both groups must list the same sizes and bitrates.
const checkSameRenditions = (hls: readonly z.infer<typeof h264Output>[], dash: readonly z.infer<typeof h264Output>[]): void => {
  const names = (outputs: readonly z.infer<typeof h264Output>[]) => outputs.map((o) => `${o.VideoDescription.Width}x${o.VideoDescription.Height}@${o.VideoDescription.CodecSettings.H264Settings.MaxBitrate}`).join();
  if (names(hls) !== names(dash)) throw new UnsupportedJobSettingsError('the HLS and DASH groups must have the same renditions');
};

// The frame-capture group's first output, as the thumbnails to take (null when the job has none).
const thumbnailsOf = (thumbs: Extract<ReturnType<typeof groupOf>, { type: 'FILE_GROUP_SETTINGS' }> | undefined): TranscodePlan['thumbnails'] => {
  const capture = thumbs?.outputs[0]?.VideoDescription;
  if (thumbs === undefined || capture === undefined) return null;
  return {
    destination: locationOf(thumbs.destination),
    width: capture.Width,
    height: capture.Height,
    everySeconds: capture.CodecSettings.FrameCaptureSettings.FramerateDenominator / capture.CodecSettings.FrameCaptureSettings.FramerateNumerator,
    max: capture.CodecSettings.FrameCaptureSettings.MaxCaptures,
  };
};

type Group = ReturnType<typeof groupOf>;
type CmafGroup = Extract<Group, { type: 'CMAF_GROUP_SETTINGS' }>;

// Each rendition is encoded with the audio (if any), then packaged: the CMAF audio output's bitrate goes to all.
const cmafRenditions = (cmaf: CmafGroup): Rendition[] => {
  const audio = cmaf.outputs.find((output) => output.VideoDescription === undefined)?.AudioDescriptions?.[0]?.CodecSettings.AacSettings.Bitrate ?? null;
  return cmaf.outputs.flatMap((output) => (output.VideoDescription === undefined ? [] : [{ ...renditionOf(output), audioBitrate: audio }]));
};

const packagingOf = (group: { destination: string; segmentSeconds: number } | undefined) => (group === undefined ? null : { destination: locationOf(group.destination), segmentSeconds: group.segmentSeconds });

const cmafStreaming = (cmaf: CmafGroup) => {
  const renditions = cmafRenditions(cmaf);
  if (renditions.length === 0) throw new UnsupportedJobSettingsError('the CMAF group has no video output');
  return { renditions, hls: null, dash: null, cmaf: packagingOf(cmaf) };
};

const streamingOf = (groups: readonly Group[]) => {
  const hls = groups.find((g) => g.type === 'HLS_GROUP_SETTINGS');
  const dash = groups.find((g) => g.type === 'DASH_ISO_GROUP_SETTINGS');
  const cmaf = groups.find((g) => g.type === 'CMAF_GROUP_SETTINGS');
  if (cmaf !== undefined && (hls ?? dash) !== undefined) throw new UnsupportedJobSettingsError('a CMAF group cannot be combined with HLS or DASH groups here');
  if (cmaf !== undefined) return cmafStreaming(cmaf);
  const streaming = hls ?? dash;
  if (streaming === undefined) throw new UnsupportedJobSettingsError('it needs an HLS, a DASH or a CMAF output group');
  if (hls !== undefined && dash !== undefined) checkSameRenditions(hls.outputs, dash.outputs);
  return { renditions: streaming.outputs.map(renditionOf), hls: packagingOf(hls), dash: packagingOf(dash), cmaf: null };
};

/** The job as the local transcoder will run it. HLS and DASH must name the same renditions: they share the encodes. */
export const planJob = (request: unknown): TranscodePlan => {
  const job = parseOrRefuse(rawJob, request, 'CreateJob request');
  const groups = job.Settings.OutputGroups.map(groupOf);
  const thumbs = groups.find((g) => g.type === 'FILE_GROUP_SETTINGS');
  const captions = plannedCaptions(job.Settings.Inputs[0]?.CaptionSelectors, groups.flatMap((g) => g.captions));
  if (typeof captions === 'string') throw new UnsupportedJobSettingsError(captions);
  return {
    input: locationOf(job.Settings.Inputs[0]?.FileInput ?? ''),
    ...streamingOf(groups),
    thumbnails: thumbnailsOf(thumbs),
    captions,
    userMetadata: job.UserMetadata ?? {},
  };
};
