import Hls, { type ErrorData, type LevelSwitchedData } from 'hls.js';
import type { QosReporter } from './qos';

const kbps = (bitsPerSecond: number | undefined) => (bitsPerSecond === undefined ? undefined : Math.round(bitsPerSecond / 1000));

/** The video element's side: attempt, first frame, stalls, the end. Returns the listeners' removal. */
export const wireVideoQos = (video: HTMLVideoElement, qos: QosReporter, currentKbps: () => number | undefined): (() => void) => {
  let attempted = false;
  let started = false;
  let stalled = false;
  const withBitrate = () => {
    const br = currentKbps();
    return br === undefined ? {} : { br };
  };
  const listeners: Record<string, () => void> = {
    play: () => {
      if (!attempted) qos.report('play_attempt', { sf: 'h', st: 'v' });
      attempted = true;
    },
    timeupdate: () => {
      if (started || video.currentTime <= 0) return;
      started = true;
      qos.report('first_frame', withBitrate());
    },
    waiting: () => {
      if (!started || stalled) return;
      stalled = true;
      qos.report('stall_start', { ...withBitrate(), bl: 0 });
    },
    playing: () => {
      if (!stalled) return;
      stalled = false;
      qos.report('stall_end', withBitrate());
    },
    ended: () => qos.report('end', withBitrate()),
  };
  for (const [name, listener] of Object.entries(listeners)) video.addEventListener(name, listener);
  return () => {
    for (const [name, listener] of Object.entries(listeners)) video.removeEventListener(name, listener);
  };
};

/** hls.js's side: rendition switches and errors (fatal or not). */
export const wireHlsQos = (hls: Hls, qos: QosReporter): void => {
  hls.on(Hls.Events.LEVEL_SWITCHED, (_event, data: LevelSwitchedData) => {
    const br = kbps(hls.levels[data.level]?.bitrate);
    qos.report('bitrate_change', br === undefined ? {} : { br });
  });
  hls.on(Hls.Events.ERROR, (_event, data: ErrorData) => qos.report('error', { fatal: data.fatal, code: String(data.details).slice(0, 64) }));
};

export const hlsKbps = (hls: Hls | null): number | undefined => (hls === null || hls.currentLevel < 0 ? undefined : kbps(hls.levels[hls.currentLevel]?.bitrate));
