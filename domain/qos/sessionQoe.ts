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

/** Events that lead to one state whatever the state before. */
const stateAfter: Partial<Record<PlayerEvent['type'], PlayState>> = { first_frame: 'playing', stall_end: 'playing', seek: 'seeking', pause: 'paused', end: 'ended' };

const nextState = (state: PlayState, event: PlayerEvent): PlayState => {
  if (state === 'ended') return state;
  const fixed = stateAfter[event.type];
  if (fixed !== undefined) return fixed;
  // A stall while seeking is part of the seek, which the rebuffering ratio excludes.
  if (event.type === 'stall_start') return state === 'seeking' || state === 'starting' ? state : 'rebuffering';
  if (event.type === 'error') return event.fatal === true ? 'ended' : state;
  return (event.sta === undefined ? undefined : stateOfCmcd[event.sta]) ?? state;
};

/** The running fold over one session's ordered events. */
interface SessionFold {
  state: PlayState;
  bitrate: number;
  at: number;
  playMs: number;
  stallMs: number;
  bitrateKbpsMs: number;
  firstFrameAt?: string;
  fatalBeforeStart: boolean;
  fatalAfterStart: boolean;
  endedAt?: string;
}

/** The time since the previous event counts as play or stall by the state it was spent in. */
const accrue = (fold: SessionFold, t: number): void => {
  const elapsed = Math.max(0, t - fold.at);
  if (fold.state === 'playing') {
    fold.playMs += elapsed;
    fold.bitrateKbpsMs += elapsed * fold.bitrate;
  } else if (fold.state === 'rebuffering') fold.stallMs += elapsed;
  fold.at = t;
};

const observe = (fold: SessionFold, event: PlayerEvent): void => {
  accrue(fold, Date.parse(event.ts));
  if (event.br !== undefined) fold.bitrate = event.br;
  if (event.type === 'first_frame') fold.firstFrameAt ??= event.ts;
  if (event.type === 'error' && event.fatal === true) {
    if (fold.firstFrameAt === undefined) fold.fatalBeforeStart = true;
    else fold.fatalAfterStart = true;
  }
  fold.state = nextState(fold.state, event);
  if (fold.state === 'ended') fold.endedAt ??= event.ts;
};

/** The fields a session has only once something happened (a first frame, an end, a named CDN or country). */
const optionalFields = (ordered: readonly PlayerEvent[], attempt: PlayerEvent, { firstFrameAt, endedAt }: SessionFold): Partial<SessionQoe> => {
  const cdn = ordered.find((e) => e.cdn !== undefined)?.cdn;
  const country = ordered.find((e) => e.country !== undefined)?.country;
  return {
    ...(cdn === undefined ? {} : { cdn }),
    ...(country === undefined ? {} : { country }),
    ...(firstFrameAt === undefined ? {} : { firstFrameAt, videoStartTimeMs: Date.parse(firstFrameAt) - Date.parse(attempt.ts) }),
    ...(endedAt === undefined ? {} : { endedAt }),
  };
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
  const fold: SessionFold = { state: 'starting', bitrate: first.br ?? 0, at: Date.parse(first.ts), playMs: 0, stallMs: 0, bitrateKbpsMs: 0, fatalBeforeStart: false, fatalAfterStart: false };
  for (const event of ordered) observe(fold, event);
  return {
    sid: first.sid,
    cid: first.cid,
    ...optionalFields(ordered, attempt, fold),
    attemptedAt: attempt.ts,
    playMs: fold.playMs,
    stallMs: fold.stallMs,
    bitrateKbpsMs: fold.bitrateKbpsMs,
    exitedBeforeStart: fold.firstFrameAt === undefined && fold.endedAt !== undefined && !fold.fatalBeforeStart,
    startFailed: fold.fatalBeforeStart,
    playbackFailed: fold.fatalAfterStart,
  };
};
