import type { CaptionOutput } from './captionSettings';
import type { AacAudio, H264VideoDescription } from './outputs';

/**
 * MediaConvert's CMAF output group: fragmented-MP4 segments written once and listed by both an HLS master
 * (`<destination>.m3u8`) and a DASH manifest (`<destination>.mpd`). CMAF wants one track per output, so each rung
 * is a video-only output and the audio is one output of its own (an HLS audio rendition, a DASH audio set).
 */
export interface CmafVideoOutput {
  readonly NameModifier: string;
  readonly ContainerSettings: { readonly Container: 'CMFC' };
  readonly VideoDescription: H264VideoDescription;
}

export interface CmafAudioOutput {
  readonly NameModifier: string;
  readonly ContainerSettings: { readonly Container: 'CMFC' };
  readonly AudioDescriptions: readonly [AacAudio];
}

export interface CmafGroup {
  readonly Name: 'CMAF';
  readonly OutputGroupSettings: {
    readonly Type: 'CMAF_GROUP_SETTINGS';
    readonly CmafGroupSettings: {
      readonly Destination: string;
      readonly SegmentLength: number;
      readonly FragmentLength: number;
      readonly SegmentControl: 'SEGMENTED_FILES';
      readonly WriteHlsManifest: 'ENABLED';
      readonly WriteDashManifest: 'ENABLED';
      readonly CodecSpecification: 'RFC_6381';
    };
  };
  readonly Outputs: readonly (CmafVideoOutput | CmafAudioOutput | CaptionOutput)[];
}

// 6 s segments of 2 s fragments: a player switches rendition every 6 s at most, and every segment starts on a
// keyframe (GOP 2 s).
const cmafSegmentSeconds = 6;
const cmafFragmentSeconds = 2;

export const isCmafAudio = (output: CmafVideoOutput | CmafAudioOutput | CaptionOutput): output is CmafAudioOutput => 'AudioDescriptions' in output;

export const cmafGroup = (destination: string, videos: readonly { name: string; video: H264VideoDescription }[], audio: AacAudio | null, captions: readonly CaptionOutput[] = []): CmafGroup => ({
  Name: 'CMAF',
  OutputGroupSettings: {
    Type: 'CMAF_GROUP_SETTINGS',
    CmafGroupSettings: {
      Destination: destination,
      SegmentLength: cmafSegmentSeconds,
      FragmentLength: cmafFragmentSeconds,
      SegmentControl: 'SEGMENTED_FILES',
      WriteHlsManifest: 'ENABLED',
      WriteDashManifest: 'ENABLED',
      CodecSpecification: 'RFC_6381',
    },
  },
  Outputs: [
    ...videos.map(({ name, video }): CmafVideoOutput => ({ NameModifier: `_${name}`, ContainerSettings: { Container: 'CMFC' }, VideoDescription: video })),
    ...(audio === null ? [] : [{ NameModifier: '_audio', ContainerSettings: { Container: 'CMFC' }, AudioDescriptions: [audio] } satisfies CmafAudioOutput]),
    ...captions,
  ],
});
