import type { PlayerEvent } from './playerEvent';

/** What one playback session contributes to the QoE metrics (CTA-2066 vocabulary). */
export interface SessionQoe {
  readonly sid: string;
  readonly cid: string;
  readonly cdn?: string;
  readonly country?: string;
  readonly attemptedAt: string;
  readonly firstFrameAt?: string;
  readonly endedAt?: string;
  /** Play request -> first frame. */
  readonly videoStartTimeMs?: number;
  /** Time playing, and time stalled while playing: startup and seeks excluded. */
  readonly playMs: number;
  readonly stallMs: number;
  /** Bitrate (kbps) x time played (ms): the time-weighted average bitrate is its sum over playMs. */
  readonly bitrateKbpsMs: number;
  /** Left before the first frame without a fatal error. */
  readonly exitedBeforeStart: boolean;
  /** A fatal error before the first frame. */
  readonly startFailed: boolean;
  /** A fatal error after the first frame. */
  readonly playbackFailed: boolean;
}

type PlayState = 'starting' | 'playing' | 'rebuffering' | 'seeking' | 'paused' | 'ended';

const stateOfCmcd: Partial<Record<NonNullable<PlayerEvent['sta']>, PlayState>> = { p: 'playing', r: 'rebuffering', k: 'seeking', a: 'paused', e: 'ended' };

const nextState = (state: PlayState, event: PlayerEvent): PlayState => {
  if (state === 'ended') return state;
  switch (event.type) {
    case 'first_frame':
    case 'stall_end':
      return 'playing';
    // A stall while seeking is part of the seek, which the rebuffering ratio excludes.
    case 'stall_start':
      return state === 'seeking' || state === 'starting' ? state : 'rebuffering';
    case 'seek':
      return 'seeking';
    case 'pause':
      return 'paused';
    case 'end':
      return 'ended';
    case 'error':
      return event.fatal === true ? 'ended' : state;
    default:
      return (event.sta === undefined ? undefined : stateOfCmcd[event.sta]) ?? state;
  }
};

/**
 * Folds one session's player events into its QoE contribution. Events are ordered by `seq` and a repeated
 * `seq` counts once, so the summary is the same whatever order and however often the events arrived.
 */
export const summarizeSession = (events: readonly PlayerEvent[]): SessionQoe | undefined => {
  const ordered = [...new Map(events.map((e) => [e.seq, e])).values()].sort((a, b) => a.seq - b.seq);
  const first = ordered[0];
  if (first === undefined) return undefined;
  const attempt = ordered.find((e) => e.type === 'play_attempt') ?? first;
  let state: PlayState = 'starting';
  let bitrate = first.br ?? 0;
  let at = Date.parse(first.ts);
  let playMs = 0;
  let stallMs = 0;
  let bitrateKbpsMs = 0;
  let firstFrameAt: string | undefined;
  let fatalBeforeStart = false;
  let fatalAfterStart = false;
  let endedAt: string | undefined;
  for (const event of ordered) {
    const t = Date.parse(event.ts);
    const elapsed = Math.max(0, t - at);
    if (state === 'playing') {
      playMs += elapsed;
      bitrateKbpsMs += elapsed * bitrate;
    } else if (state === 'rebuffering') stallMs += elapsed;
    at = t;
    if (event.br !== undefined) bitrate = event.br;
    if (event.type === 'first_frame' && firstFrameAt === undefined) firstFrameAt = event.ts;
    if (event.type === 'error' && event.fatal === true) {
      if (firstFrameAt === undefined) fatalBeforeStart = true;
      else fatalAfterStart = true;
    }
    state = nextState(state, event);
    if (state === 'ended' && endedAt === undefined) endedAt = event.ts;
  }
  const cdn = ordered.find((e) => e.cdn !== undefined)?.cdn;
  const country = ordered.find((e) => e.country !== undefined)?.country;
  return {
    sid: first.sid,
    cid: first.cid,
    ...(cdn === undefined ? {} : { cdn }),
    ...(country === undefined ? {} : { country }),
    attemptedAt: attempt.ts,
    ...(firstFrameAt === undefined ? {} : { firstFrameAt, videoStartTimeMs: Date.parse(firstFrameAt) - Date.parse(attempt.ts) }),
    ...(endedAt === undefined ? {} : { endedAt }),
    playMs,
    stallMs,
    bitrateKbpsMs,
    exitedBeforeStart: firstFrameAt === undefined && endedAt !== undefined && !fatalBeforeStart,
    startFailed: fatalBeforeStart,
    playbackFailed: fatalAfterStart,
  };
};
