/**
 * A job's progress from its encodes' `ffmpeg -progress pipe:1` reports: each encode's `out_time` against the source's
 * duration, averaged over the renditions. Encoding is nearly all of a job's work here, so it spans 0-90 %; packaging
 * (stream copies) takes it to 95 %, and the job's completion to 100 %.
 */
export interface JobProgress {
  /** A feed for one rendition's encode: pass it ffmpeg's progress output as it comes. */
  encodeFeed(rendition: string): (chunk: string) => void;
  packaged(): void;
  readonly percent: number;
}

const encodingShare = 90;
const packagedPercent = 95;

/** `out_time_us` (newer ffmpeg) or `out_time_ms` (older builds, microseconds despite the name). */
const outTimePattern = /^out_time_(?:us|ms)=(\d+)$/gm;

export const createJobProgress = (durationSeconds: number, renditions: readonly string[], onChange: (percent: number) => void = () => undefined): JobProgress => {
  const done = new Map<string, number>(renditions.map((name) => [name, 0]));
  let percent = 0;
  const set = (next: number) => {
    // Never backwards: MediaConvert's jobPercentComplete only grows.
    const clamped = Math.min(100, Math.max(percent, Math.floor(next)));
    if (clamped === percent) return;
    percent = clamped;
    onChange(percent);
  };
  return {
    encodeFeed: (rendition) => {
      let pending = '';
      return (chunk) => {
        pending += chunk;
        const cut = pending.lastIndexOf('\n');
        if (cut < 0) return;
        const lines = pending.slice(0, cut + 1);
        pending = pending.slice(cut + 1);
        const last = [...lines.matchAll(outTimePattern)].at(-1)?.[1];
        const ended = /^progress=end$/m.test(lines);
        if (last === undefined && !ended) return;
        const fraction = ended ? 1 : durationSeconds > 0 ? Math.min(1, Number(last) / 1e6 / durationSeconds) : 0;
        done.set(rendition, Math.max(done.get(rendition) ?? 0, fraction));
        const average = [...done.values()].reduce((sum, value) => sum + value, 0) / Math.max(1, done.size);
        set(average * encodingShare);
      };
    },
    packaged: () => set(packagedPercent),
    get percent() {
      return percent;
    },
  };
};
