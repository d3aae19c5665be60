import { join } from 'node:path';
import type { Rendition, TranscodePlan } from './plan';

/** Where one job's files live on disk while it runs: the same layout as the destination prefixes. */
export interface JobPaths {
  readonly source: string;
  readonly work: string;
  readonly hls: string;
  readonly dash: string;
  readonly cmaf: string;
  readonly thumbnails: string;
  /** The job's caption files (captions.ts). */
  readonly captions: string;
}

export const jobPaths = (root: string, sourceName: string): JobPaths => ({
  source: join(root, sourceName),
  work: join(root, 'work'),
  hls: join(root, 'hls'),
  dash: join(root, 'dash'),
  cmaf: join(root, 'cmaf'),
  thumbnails: join(root, 'thumbnails'),
  captions: join(root, 'captions'),
});

/** The last path segment of a destination: MediaConvert names outputs after it (`master` -> master.m3u8). */
export const baseNameOf = (key: string): string => key.split('/').pop() ?? key;

const keyframeSeconds = 2;

export const encodedFile = (paths: JobPaths, rendition: Rendition) => join(paths.work, `${rendition.name}.mp4`);

/**
 * One H.264/AAC encode per rendition, each its own process: this ffmpeg build crashes on multi-output HLS in one
 * command, and separate processes use both cores anyway. Keyframes every 2 s so HLS and DASH cut on the same frames.
 */
export const encodeArgs = (plan: TranscodePlan, paths: JobPaths, rendition: Rendition): string[] => [
  '-v', 'error', '-y', '-i', paths.source,
  '-map', '0:v:0',
  ...(rendition.audioBitrate === null ? [] : ['-map', '0:a:0?']),
  '-vf', `scale=${rendition.width}:${rendition.height}`,
  '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p',
  '-b:v', String(rendition.videoBitrate), '-maxrate', String(rendition.videoBitrate), '-bufsize', String(rendition.videoBitrate * 2),
  '-force_key_frames', `expr:gte(t,n_forced*${keyframeSeconds})`, '-sc_threshold', '0',
  ...(rendition.audioBitrate === null ? ['-an'] : ['-c:a', 'aac', '-b:a', String(rendition.audioBitrate), '-ac', '2', '-ar', '48000']),
  '-movflags', '+faststart',
  encodedFile(paths, rendition),
];

export const hlsPlaylistName = (plan: TranscodePlan, rendition: Rendition) => `${baseNameOf(plan.hls?.destination.key ?? 'master')}_${rendition.name}`;

/** Packaging copies the encoded streams into TS segments: no second encode. */
export const hlsPackageArgs = (plan: TranscodePlan, paths: JobPaths, rendition: Rendition): string[] => {
  const name = hlsPlaylistName(plan, rendition);
  return [
    '-v', 'error', '-y', '-i', encodedFile(paths, rendition), '-map', '0', '-c', 'copy',
    '-f', 'hls', '-hls_time', String(plan.hls?.segmentSeconds ?? 5), '-hls_playlist_type', 'vod',
    '-hls_segment_filename', join(paths.hls, `${name}_%05d.ts`),
    join(paths.hls, `${name}.m3u8`),
  ];
};

const hasAudio = (plan: TranscodePlan) => plan.renditions[0] !== undefined && plan.renditions[0].audioBitrate !== null;

/**
 * Every rendition's video and the first one's audio, copied, as the DASH muxer takes them: all videos in ONE
 * AdaptationSet (a player switches bitrate only inside a set), the audio in its own.
 */
const dashInputs = (plan: TranscodePlan, paths: JobPaths): string[] => {
  const withAudio = hasAudio(plan);
  return [
    ...plan.renditions.flatMap((rendition) => ['-i', encodedFile(paths, rendition)]),
    ...plan.renditions.flatMap((_, index) => ['-map', `${index}:v:0`]),
    ...(withAudio ? ['-map', '0:a:0'] : []),
    '-c', 'copy', '-f', 'dash', '-use_template', '1', '-use_timeline', '1',
    '-adaptation_sets', withAudio ? 'id=0,streams=v id=1,streams=a' : 'id=0,streams=v',
  ];
};

/** One DASH manifest over every rendition, copied, not re-encoded. */
export const dashPackageArgs = (plan: TranscodePlan, paths: JobPaths): string[] => [
  '-v', 'error', '-y', ...dashInputs(plan, paths),
  '-seg_duration', String(plan.dash?.segmentSeconds ?? 30),
  join(paths.dash, `${baseNameOf(plan.dash?.destination.key ?? 'manifest')}.mpd`),
];

/** The name of the DASH muxer's HLS media playlist of the `index`th stream mapped (videos first, then the audio). */
export const cmafPlaylistName = (index: number) => `media_${index}.m3u8`;

/**
 * CMAF: the same fMP4 segments listed by a DASH manifest and HLS media playlists (the DASH muxer's `hls_playlist`),
 * as MediaConvert's CMAF group writes them; its HLS master lacks FRAME-RATE and AVERAGE-BANDWIDTH, so ours replaces it.
 */
export const cmafPackageArgs = (plan: TranscodePlan, paths: JobPaths): string[] => [
  '-v', 'error', '-y', ...dashInputs(plan, paths),
  '-seg_duration', String(plan.cmaf?.segmentSeconds ?? 6), '-hls_playlist', '1',
  '-init_seg_name', 'init-$RepresentationID$.mp4', '-media_seg_name', 'chunk-$RepresentationID$-$Number%05d$.mp4',
  join(paths.cmaf, `${baseNameOf(plan.cmaf?.destination.key ?? 'master')}.mpd`),
];

/** JPEG frame captures named as MediaConvert names them: `<destination>.0000000.jpg`, counting from 0. */
export const thumbnailArgs = (plan: TranscodePlan, paths: JobPaths): string[] => {
  const thumbs = plan.thumbnails;
  if (thumbs === null) return [];
  return [
    '-v', 'error', '-y', '-i', paths.source,
    '-vf', `fps=1/${thumbs.everySeconds},scale=${thumbs.width}:${thumbs.height}`,
    '-frames:v', String(thumbs.max), '-q:v', '3', '-start_number', '0',
    join(paths.thumbnails, `${baseNameOf(thumbs.destination.key)}.%07d.jpg`),
  ];
};
