import Hls from 'hls.js';
import { useEffect, useRef, useState } from 'react';
import { sendQosEvents } from '../api/qos';
import { useApp } from '../app';
import { ErrorMessage } from '../components/status';
import { captionChoices, type CaptionChoice } from './captions';
import { createQosReporter } from './qos';
import { hlsKbps, wireHlsQos, wireVideoQos } from './wireQos';

export interface Source {
  readonly format: string;
  readonly url: string;
}

interface Level {
  readonly index: number;
  readonly label: string;
}

/** A menu of the player's: Quality (renditions) or Captions (subtitle tracks); -1 is Auto or Off. */
const Menu = ({ label, choices, value, onChoose }: { label: string; choices: readonly Level[]; value: number; onChoose: (index: number) => void }) => (
  <label>
    {label}
    <select value={value} onChange={(e) => onChoose(Number(e.target.value))}>
      {choices.map((c) => (
        <option key={c.index} value={c.index}>
          {c.label}
        </option>
      ))}
    </select>
  </label>
);

/**
 * A grant's query (CloudFront's Policy, Signature and Key-Pair-Id) on a URL the player fetches: playlists and segments
 * are named relative to the master, so each request must carry the grant itself (cookies do not cross origins).
 */
const signed = (url: string, grantQuery: string | undefined): string => {
  if (grantQuery === undefined || url.includes('Signature=')) return url;
  return `${url}${url.includes('?') ? '&' : '?'}${grantQuery}`;
};

const levelLabel = (level: { height: number; bitrate: number }) => `${level.height}p (${Math.round(level.bitrate / 1000)} kbps)`;

/**
 * HLS through hls.js (adaptive, with a quality menu), CMCD in query mode (no CORS preflight), and the QoS beacon;
 * MP4 plays natively where no HLS source is there.
 */
export const Player = ({ showId, title, sources, grantQuery }: { showId: string; title: string; sources: readonly Source[]; grantQuery?: string }) => {
  const { api, config } = useApp();
  const videoRef = useRef<HTMLVideoElement>(null);
  const hlsRef = useRef<Hls | null>(null);
  const [levels, setLevels] = useState<Level[]>([]);
  const [level, setLevel] = useState(-1);
  const [captions, setCaptions] = useState<CaptionChoice[]>([]);
  const [caption, setCaption] = useState(-1);
  const [error, setError] = useState<string | null>(null);
  const hlsUrl = sources.find((s) => s.format === 'hls')?.url;
  const mp4Url = sources.find((s) => s.format === 'mp4')?.url;

  useEffect(() => {
    const video = videoRef.current;
    if (video === null || hlsUrl === undefined) return;
    const qos = createQosReporter({ contentId: showId, cdn: config.cdn, send: (events) => sendQosEvents(api, events) });
    const useHls = Hls.isSupported();
    const hls = useHls
      ? new Hls({
          cmcd: { sessionId: qos.sessionId, contentId: showId, useHeaders: false },
          // hls.js lets xhrSetup open the request itself: with the grant on the URL it fetches.
          xhrSetup: (xhr, url) => xhr.open('GET', signed(url, grantQuery), true),
        })
      : null;
    hlsRef.current = hls;
    const unwire = wireVideoQos(video, qos, () => hlsKbps(hls));
    if (hls === null) video.src = signed(hlsUrl, grantQuery);
    else {
      wireHlsQos(hls, qos);
      hls.on(Hls.Events.MANIFEST_PARSED, (_e, data) => setLevels(data.levels.map((l, index) => ({ index, label: levelLabel(l) }))));
      // Captions start off; the master's SUBTITLES tracks are listed as hls.js finds them.
      hls.subtitleDisplay = false;
      hls.on(Hls.Events.SUBTITLE_TRACKS_UPDATED, (_e, data) => setCaptions(captionChoices(data.subtitleTracks)));
      hls.on(Hls.Events.ERROR, (_e, data) => data.fatal && setError(`Playback failed (${data.details}). Reload the page to try again.`));
      hls.loadSource(hlsUrl);
      hls.attachMedia(video);
    }
    return () => {
      unwire();
      hls?.destroy();
      hlsRef.current = null;
      void qos.stop();
    };
  }, [api, config.cdn, grantQuery, hlsUrl, showId]);

  const choose = (index: number) => {
    setLevel(index);
    if (hlsRef.current !== null) hlsRef.current.currentLevel = index;
  };
  const chooseCaptions = (index: number) => {
    setCaption(index);
    const hls = hlsRef.current;
    if (hls === null) return;
    hls.subtitleTrack = index;
    hls.subtitleDisplay = index >= 0;
  };

  return (
    <div className="player">
      <video ref={videoRef} controls playsInline aria-label={`Video player: ${title}`} src={hlsUrl === undefined && mp4Url !== undefined ? signed(mp4Url, grantQuery) : undefined} />
      {levels.length > 0 && <Menu label="Quality" choices={[{ index: -1, label: 'Auto' }, ...levels]} value={level} onChoose={choose} />}
      {captions.length > 0 && <Menu label="Captions" choices={captions} value={caption} onChoose={chooseCaptions} />}
      <ErrorMessage error={error} />
    </div>
  );
};
