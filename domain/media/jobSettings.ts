import type { Rung } from '../../events/catalog/fields';
import type { SourceProbe } from '../../events/catalog/sourceProbed';
import { captionOutputs, captionSelectors, isCaptionOutput, type CaptionOutput, type CaptionSelector, type CaptionSource } from './captionSettings';
import { cmafGroup, isCmafAudio, type CmafGroup } from './cmafSettings';
import { aacAudio, h264Video, type AacAudio, type H264VideoDescription } from './outputs';

/**
 * The subset of MediaConvert's CreateJob request we build. The names are MediaConvert's own, so the same
 * object goes to `arn:aws:states:::mediaconvert:createJob.sync` on AWS and to the local ffmpeg transcoder.
 */
export interface H264Output {
  readonly NameModifier: string;
  readonly ContainerSettings: { readonly Container: 'M3U8' | 'MPD' };
  readonly VideoDescription: H264VideoDescription;
  readonly AudioDescriptions?: readonly AacAudio[];
}

export type { AacAudio } from './outputs';

export interface FrameCaptureOutput {
  readonly NameModifier: string;
  readonly ContainerSettings: { readonly Container: 'RAW' };
  readonly VideoDescription: {
    readonly Width: number;
    readonly Height: number;
    readonly CodecSettings: {
      readonly Codec: 'FRAME_CAPTURE';
      readonly FrameCaptureSettings: { readonly FramerateNumerator: 1; readonly FramerateDenominator: number; readonly MaxCaptures: number; readonly Quality: number };
    };
  };
}

export type OutputGroup =
  | {
      readonly Name: 'HLS';
      readonly OutputGroupSettings: { readonly Type: 'HLS_GROUP_SETTINGS'; readonly HlsGroupSettings: { readonly Destination: string; readonly SegmentLength: number; readonly MinSegmentLength: 0; readonly CodecSpecification: 'RFC_6381' } };
      readonly Outputs: readonly (H264Output | CaptionOutput)[];
    }
  | { readonly Name: 'DASH'; readonly OutputGroupSettings: { readonly Type: 'DASH_ISO_GROUP_SETTINGS'; readonly DashIsoGroupSettings: { readonly Destination: string; readonly SegmentLength: number; readonly FragmentLength: number } }; readonly Outputs: readonly (H264Output | CaptionOutput)[] }
  | CmafGroup
  | { readonly Name: 'Thumbnails'; readonly OutputGroupSettings: { readonly Type: 'FILE_GROUP_SETTINGS'; readonly FileGroupSettings: { readonly Destination: string } }; readonly Outputs: readonly FrameCaptureOutput[] };

export interface MediaConvertJob {
  readonly Role: string;
  readonly UserMetadata: { readonly showId: string; readonly transcodeId: string };
  readonly Settings: {
    readonly Inputs: readonly [
      {
        readonly FileInput: string;
        readonly VideoSelector: { readonly Rotate: 'AUTO' };
        readonly AudioSelectors?: { readonly 'Audio Selector 1': { readonly DefaultSelection: 'DEFAULT' } };
        readonly CaptionSelectors?: Readonly<Record<string, CaptionSelector>>;
      },
    ];
    readonly OutputGroups: readonly OutputGroup[];
  };
}

export interface JobRequest {
  readonly showId: string;
  readonly transcodeId: string;
  readonly ladder: readonly Rung[];
  readonly probe: Pick<SourceProbe, 'video' | 'audio' | 'durationMs'>;
  readonly source: { readonly bucket: string; readonly key: string };
  readonly destinationBucket: string;
  readonly roleArn: string;
  /** How the renditions are packaged; 'separate' when not given (see `Packaging`). */
  readonly packaging?: Packaging;
  /** The show's caption tracks at transcode time: MediaConvert packages them with the renditions (captionSettings.ts). */
  readonly captions?: readonly CaptionSource[];
}

/**
 * 'separate': an HLS group (MPEG-TS segments) and a DASH ISO group (fMP4), each with its own copy of every
 * rendition; what plays on every HLS client, old set-top boxes included. 'cmaf': one CMAF group whose fMP4
 * segments both an HLS master and a DASH manifest list: half the storage and CDN cache, HLS clients from iOS 10 on.
 */
export type Packaging = 'separate' | 'cmaf';

/** Where a transcode's outputs go: one predictable prefix per show and transcode (users asked for predictable paths). */
export const outputPrefix = (showId: string, transcodeId: string): string => `shows/${showId}/${transcodeId}`;

/** The keys a job writes its manifests to: MediaConvert appends the extension to the group's destination. */
export const outputKeys = (showId: string, transcodeId: string, packaging: Packaging = 'separate') => {
  const prefix = outputPrefix(showId, transcodeId);
  const thumbnailPrefix = `${prefix}/thumbnails/`;
  if (packaging === 'cmaf') return { hlsMaster: `${prefix}/cmaf/master.m3u8`, dashManifest: `${prefix}/cmaf/master.mpd`, thumbnailPrefix };
  return { hlsMaster: `${prefix}/hls/master.m3u8`, dashManifest: `${prefix}/dash/manifest.mpd`, thumbnailPrefix };
};

// HLS segments as AWS's solution ships them; DASH 30 s segments of 3 s fragments, the same.
const hlsSegmentSeconds = 5;
const dashSegmentSeconds = 30;
const dashFragmentSeconds = 3;
const thumbnailEverySeconds = 5;
const maxThumbnails = 20;
const thumbnailShortSide = 270;

const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);

/** The picture as displayed: a 90 or 270 degree rotation swaps the stored width and height. */
export const displayedSize = (video: { width: number; height: number; rotation: number }) =>
  video.rotation === 90 || video.rotation === 270 ? { width: video.height, height: video.width } : { width: video.width, height: video.height };

/** The output frame for a short side, keeping the source's displayed aspect ratio (portrait stays portrait). */
export const frameFor = (shortSide: number, displayed: { width: number; height: number }) =>
  displayed.width >= displayed.height
    ? { Width: even((shortSide * displayed.width) / displayed.height), Height: even(shortSide) }
    : { Width: even(shortSide), Height: even((shortSide * displayed.height) / displayed.width) };

const h264 = (rung: Rung, frame: { Width: number; Height: number }, container: 'M3U8' | 'MPD', audio: boolean): H264Output => ({
  NameModifier: `_${rung.name}`,
  ContainerSettings: { Container: container },
  VideoDescription: h264Video(rung, frame),
  ...(audio ? { AudioDescriptions: [aacAudio] } : {}),
});

export class NothingToTranscodeError extends Error {
  constructor(showId: string) {
    super(`Show ${showId} has no video rung to transcode: the ladder is empty or the probe found no video.`);
    this.name = 'NothingToTranscodeError';
  }
}

type Framed = readonly { readonly rung: Rung; readonly frame: { Width: number; Height: number } }[];

/** HLS and DASH ISO groups, or one CMAF group: the streaming outputs of the job, one per rung. */
const streamingGroups = (base: string, rungs: Framed, audio: boolean, packaging: Packaging, captions: readonly CaptionSource[]): OutputGroup[] => {
  if (packaging === 'cmaf') return [cmafGroup(`${base}/cmaf/master`, rungs.map(({ rung, frame }) => ({ name: rung.name, video: h264Video(rung, frame) })), audio ? aacAudio : null, captionOutputs(captions, 'cmaf'))];
  return [
    {
      Name: 'HLS',
      OutputGroupSettings: { Type: 'HLS_GROUP_SETTINGS', HlsGroupSettings: { Destination: `${base}/hls/master`, SegmentLength: hlsSegmentSeconds, MinSegmentLength: 0, CodecSpecification: 'RFC_6381' } },
      Outputs: [...rungs.map(({ rung, frame }) => h264(rung, frame, 'M3U8', audio)), ...captionOutputs(captions, 'hls')],
    },
    {
      Name: 'DASH',
      OutputGroupSettings: { Type: 'DASH_ISO_GROUP_SETTINGS', DashIsoGroupSettings: { Destination: `${base}/dash/manifest`, SegmentLength: dashSegmentSeconds, FragmentLength: dashFragmentSeconds } },
      Outputs: [...rungs.map(({ rung, frame }) => h264(rung, frame, 'MPD', audio)), ...captionOutputs(captions, 'dash')],
    },
  ];
};

const thumbnailsGroup = (base: string, displayed: { width: number; height: number }, durationMs: number): OutputGroup => ({
  Name: 'Thumbnails',
  OutputGroupSettings: { Type: 'FILE_GROUP_SETTINGS', FileGroupSettings: { Destination: `${base}/thumbnails/thumb` } },
  Outputs: [
    {
      NameModifier: '',
      ContainerSettings: { Container: 'RAW' },
      VideoDescription: {
        ...frameFor(Math.min(thumbnailShortSide, Math.min(displayed.width, displayed.height)), displayed),
        CodecSettings: {
          Codec: 'FRAME_CAPTURE',
          FrameCaptureSettings: {
            FramerateNumerator: 1,
            FramerateDenominator: thumbnailEverySeconds,
            MaxCaptures: Math.min(maxThumbnails, Math.max(1, Math.ceil(durationMs / 1000 / thumbnailEverySeconds))),
            Quality: 80,
          },
        },
      },
    },
  ],
});

/**
 * The MediaConvert job for a ladder: HLS and DASH (or one CMAF group, by `packaging`) with one H.264 output per
 * rung (audio muxed in each, when the source has any; its own output in CMAF) and JPEG thumbnails. Audio-less
 * sources get no audio selector, which MediaConvert would otherwise fail the job on. MediaConvert writes CODECS,
 * RESOLUTION, FRAME-RATE and AVERAGE-BANDWIDTH in the HLS master and puts every video output of a DASH group in one
 * AdaptationSet, as the local transcoder does.
 */
export const buildMediaConvertJob = (request: JobRequest): MediaConvertJob => {
  const [main] = [...request.probe.video].sort((a, b) => a.index - b.index);
  if (!main || request.ladder.length === 0) throw new NothingToTranscodeError(request.showId);
  const displayed = displayedSize(main);
  const audio = request.probe.audio.length > 0;
  const base = `s3://${request.destinationBucket}/${outputPrefix(request.showId, request.transcodeId)}`;
  const rungs = request.ladder.map((rung) => ({ rung, frame: frameFor(rung.shortSidePx, displayed) }));
  const captions = request.captions ?? [];
  return {
    Role: request.roleArn,
    UserMetadata: { showId: request.showId, transcodeId: request.transcodeId },
    Settings: {
      Inputs: [
        {
          FileInput: `s3://${request.source.bucket}/${request.source.key}`,
          VideoSelector: { Rotate: 'AUTO' },
          ...(audio ? { AudioSelectors: { 'Audio Selector 1': { DefaultSelection: 'DEFAULT' } } } : {}),
          ...(captions.length > 0 ? { CaptionSelectors: captionSelectors(captions) } : {}),
        },
      ],
      OutputGroups: [...streamingGroups(base, rungs, audio, request.packaging ?? 'separate', captions), thumbnailsGroup(base, displayed, request.probe.durationMs)],
    },
  };
};

/** How a job packages its renditions, read from its output groups (where its manifests are: `outputKeys`). */
export const packagingOf = (job: MediaConvertJob): Packaging => (job.Settings.OutputGroups.some((group) => group.Name === 'CMAF') ? 'cmaf' : 'separate');

/** The video outputs of the job's streaming group: one per rung, whatever the packaging. */
const videoOutputsOf = (job: MediaConvertJob): readonly { NameModifier: string; VideoDescription: H264VideoDescription }[] => {
  for (const group of job.Settings.OutputGroups) {
    if (group.Name === 'HLS') return group.Outputs.flatMap((output) => (isCaptionOutput(output) ? [] : [output]));
    if (group.Name === 'CMAF') return group.Outputs.flatMap((output) => (isCmafAudio(output) || isCaptionOutput(output) ? [] : [output]));
  }
  return [];
};

/** The renditions a job produces, as TranscodeCompleted records them. */
export const renditionsOf = (job: MediaConvertJob) =>
  videoOutputsOf(job).map((output) => ({
    name: output.NameModifier.replace(/^_/, ''),
    width: output.VideoDescription.Width,
    height: output.VideoDescription.Height,
    videoBitrateKbps: output.VideoDescription.CodecSettings.H264Settings.MaxBitrate / 1000,
    codec: 'h264',
  }));
