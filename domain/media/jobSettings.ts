import type { Rung } from '../../events/catalog/fields';
import type { SourceProbe } from '../../events/catalog/sourceProbed';

/**
 * The subset of MediaConvert's CreateJob request we build. The names are MediaConvert's own, so the same
 * object goes to `arn:aws:states:::mediaconvert:createJob.sync` on AWS and to the local ffmpeg transcoder.
 */
export interface H264Output {
  readonly NameModifier: string;
  readonly ContainerSettings: { readonly Container: 'M3U8' | 'MPD' };
  readonly VideoDescription: {
    readonly Width: number;
    readonly Height: number;
    readonly CodecSettings: {
      readonly Codec: 'H_264';
      readonly H264Settings: {
        readonly RateControlMode: 'QVBR';
        readonly MaxBitrate: number;
        readonly QvbrSettings: { readonly QvbrQualityLevel: number };
        readonly GopSize: number;
        readonly GopSizeUnits: 'SECONDS';
        readonly SceneChangeDetect: 'TRANSITION_DETECTION';
      };
    };
  };
  readonly AudioDescriptions?: readonly AacAudio[];
}

export interface AacAudio {
  readonly AudioSourceName: 'Audio Selector 1';
  readonly CodecSettings: { readonly Codec: 'AAC'; readonly AacSettings: { readonly Bitrate: number; readonly CodingMode: 'CODING_MODE_2_0'; readonly SampleRate: 48000 } };
}

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
  | { readonly Name: 'HLS'; readonly OutputGroupSettings: { readonly Type: 'HLS_GROUP_SETTINGS'; readonly HlsGroupSettings: { readonly Destination: string; readonly SegmentLength: number; readonly MinSegmentLength: 0 } }; readonly Outputs: readonly H264Output[] }
  | { readonly Name: 'DASH'; readonly OutputGroupSettings: { readonly Type: 'DASH_ISO_GROUP_SETTINGS'; readonly DashIsoGroupSettings: { readonly Destination: string; readonly SegmentLength: number; readonly FragmentLength: number } }; readonly Outputs: readonly H264Output[] }
  | { readonly Name: 'Thumbnails'; readonly OutputGroupSettings: { readonly Type: 'FILE_GROUP_SETTINGS'; readonly FileGroupSettings: { readonly Destination: string } }; readonly Outputs: readonly FrameCaptureOutput[] };

export interface MediaConvertJob {
  readonly Role: string;
  readonly UserMetadata: { readonly showId: string; readonly transcodeId: string };
  readonly Settings: {
    readonly Inputs: readonly [{ readonly FileInput: string; readonly VideoSelector: { readonly Rotate: 'AUTO' }; readonly AudioSelectors?: { readonly 'Audio Selector 1': { readonly DefaultSelection: 'DEFAULT' } } }];
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
}

/** Where a transcode's outputs go: one predictable prefix per show and transcode (users asked for predictable paths). */
export const outputPrefix = (showId: string, transcodeId: string): string => `shows/${showId}/${transcodeId}`;

/** The keys a job writes its manifests to: MediaConvert appends the extension to the group's destination. */
export const outputKeys = (showId: string, transcodeId: string) => {
  const prefix = outputPrefix(showId, transcodeId);
  return { hlsMaster: `${prefix}/hls/master.m3u8`, dashManifest: `${prefix}/dash/manifest.mpd`, thumbnailPrefix: `${prefix}/thumbnails/` };
};

// HLS segments as AWS's solution ships them; DASH 30 s segments of 3 s fragments, the same.
const hlsSegmentSeconds = 5;
const dashSegmentSeconds = 30;
const dashFragmentSeconds = 3;
const audioBitrate = 96_000;
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
  VideoDescription: {
    ...frame,
    CodecSettings: {
      Codec: 'H_264',
      H264Settings: {
        RateControlMode: 'QVBR',
        MaxBitrate: rung.videoBitrateKbps * 1000,
        QvbrSettings: { QvbrQualityLevel: 7 },
        GopSize: 2,
        GopSizeUnits: 'SECONDS',
        SceneChangeDetect: 'TRANSITION_DETECTION',
      },
    },
  },
  ...(audio ? { AudioDescriptions: [{ AudioSourceName: 'Audio Selector 1', CodecSettings: { Codec: 'AAC', AacSettings: { Bitrate: audioBitrate, CodingMode: 'CODING_MODE_2_0', SampleRate: 48000 } } }] } : {}),
});

export class NothingToTranscodeError extends Error {
  constructor(showId: string) {
    super(`Show ${showId} has no video rung to transcode: the ladder is empty or the probe found no video.`);
    this.name = 'NothingToTranscodeError';
  }
}

/**
 * The MediaConvert job for a ladder: HLS and DASH with one H.264 output per rung (audio muxed in each, when the
 * source has any) and JPEG thumbnails. Audio-less sources get no audio selector, which MediaConvert would
 * otherwise fail the job on.
 */
export const buildMediaConvertJob = (request: JobRequest): MediaConvertJob => {
  const [main] = [...request.probe.video].sort((a, b) => a.index - b.index);
  if (!main || request.ladder.length === 0) throw new NothingToTranscodeError(request.showId);
  const displayed = displayedSize(main);
  const audio = request.probe.audio.length > 0;
  const base = `s3://${request.destinationBucket}/${outputPrefix(request.showId, request.transcodeId)}`;
  const rungs = request.ladder.map((rung) => ({ rung, frame: frameFor(rung.shortSidePx, displayed) }));
  const durationSeconds = request.probe.durationMs / 1000;
  const captures = Math.min(maxThumbnails, Math.max(1, Math.ceil(durationSeconds / thumbnailEverySeconds)));
  return {
    Role: request.roleArn,
    UserMetadata: { showId: request.showId, transcodeId: request.transcodeId },
    Settings: {
      Inputs: [
        {
          FileInput: `s3://${request.source.bucket}/${request.source.key}`,
          VideoSelector: { Rotate: 'AUTO' },
          ...(audio ? { AudioSelectors: { 'Audio Selector 1': { DefaultSelection: 'DEFAULT' } } } : {}),
        },
      ],
      OutputGroups: [
        {
          Name: 'HLS',
          OutputGroupSettings: { Type: 'HLS_GROUP_SETTINGS', HlsGroupSettings: { Destination: `${base}/hls/master`, SegmentLength: hlsSegmentSeconds, MinSegmentLength: 0 } },
          Outputs: rungs.map(({ rung, frame }) => h264(rung, frame, 'M3U8', audio)),
        },
        {
          Name: 'DASH',
          OutputGroupSettings: {
            Type: 'DASH_ISO_GROUP_SETTINGS',
            DashIsoGroupSettings: { Destination: `${base}/dash/manifest`, SegmentLength: dashSegmentSeconds, FragmentLength: dashFragmentSeconds },
          },
          Outputs: rungs.map(({ rung, frame }) => h264(rung, frame, 'MPD', audio)),
        },
        {
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
                  FrameCaptureSettings: { FramerateNumerator: 1, FramerateDenominator: thumbnailEverySeconds, MaxCaptures: captures, Quality: 80 },
                },
              },
            },
          ],
        },
      ],
    },
  };
};

/** The renditions a job produces, as TranscodeCompleted records them. */
export const renditionsOf = (job: MediaConvertJob) => {
  const hls = job.Settings.OutputGroups.find((group): group is Extract<OutputGroup, { Name: 'HLS' }> => group.Name === 'HLS');
  return (hls?.Outputs ?? []).map((output) => ({
    name: output.NameModifier.replace(/^_/, ''),
    width: output.VideoDescription.Width,
    height: output.VideoDescription.Height,
    videoBitrateKbps: output.VideoDescription.CodecSettings.H264Settings.MaxBitrate / 1000,
    codec: 'h264',
  }));
};
