import type { Rung } from '../../events/catalog/fields';

/**
 * The pieces of a MediaConvert output every packaging shares (HLS, DASH ISO, CMAF): one H.264 picture per rung and
 * the AAC audio. The names are MediaConvert's own.
 */
export interface H264VideoDescription {
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
}

export interface AacAudio {
  readonly AudioSourceName: 'Audio Selector 1';
  readonly CodecSettings: { readonly Codec: 'AAC'; readonly AacSettings: { readonly Bitrate: number; readonly CodingMode: 'CODING_MODE_2_0'; readonly SampleRate: 48000 } };
}

const audioBitrate = 96_000;
// Keyframes every 2 s: HLS, DASH and CMAF segments all cut on them, so every rendition switches on the same frames.
const gopSeconds = 2;

export const h264Video = (rung: Rung, frame: { Width: number; Height: number }): H264VideoDescription => ({
  ...frame,
  CodecSettings: {
    Codec: 'H_264',
    H264Settings: {
      RateControlMode: 'QVBR',
      MaxBitrate: rung.videoBitrateKbps * 1000,
      QvbrSettings: { QvbrQualityLevel: 7 },
      GopSize: gopSeconds,
      GopSizeUnits: 'SECONDS',
      SceneChangeDetect: 'TRANSITION_DETECTION',
    },
  },
});

export const aacAudio: AacAudio = { AudioSourceName: 'Audio Selector 1', CodecSettings: { Codec: 'AAC', AacSettings: { Bitrate: audioBitrate, CodingMode: 'CODING_MODE_2_0', SampleRate: 48000 } } };
