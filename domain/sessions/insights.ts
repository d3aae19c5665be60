import { isCompleted, type Session } from './session';

/**
 * The sessions design's insight questions, answered from counters a projection keeps beside the sessions: each
 * counter is a (board, member) pair (a partition and a sort key), and what a session contributes to them is a pure
 * function of its state. A state change moves the counters by the difference of what the two states contribute,
 * so a session is counted once whatever order or how often its facts arrive, and it counts as completed exactly
 * when `isCompleted` says so.
 */
export const insightBoards = {
  /** Members `sessions` (every session seen), `started` (its start known), `completed` (start and end known). */
  totals: 'totals',
  /** One member per country: completed sessions. */
  completedByCountry: 'completedByCountry',
  /** One member per player: completed sessions. */
  completedByPlayer: 'completedByPlayer',
} as const;

/** The board of sessions started in a year, one member per country. */
export const startedInBoard = (year: string | number): string => `startedIn#${String(year)}`;

export interface Counter {
  readonly board: string;
  readonly member: string;
}

export interface CounterDelta extends Counter {
  readonly delta: number;
}

const keyOf = (counter: Counter) => `${counter.board}\u0000${counter.member}`;

/** The counters a session adds one to. */
export const countersOf = (session: Session | undefined): Counter[] => {
  if (session === undefined) return [];
  const counters: Counter[] = [{ board: insightBoards.totals, member: 'sessions' }];
  const { country, startTs } = session;
  if (startTs === undefined || country === undefined) return counters;
  counters.push({ board: insightBoards.totals, member: 'started' }, { board: startedInBoard(startTs.slice(0, 4)), member: country });
  if (isCompleted(session)) {
    counters.push(
      { board: insightBoards.totals, member: 'completed' },
      { board: insightBoards.completedByCountry, member: country },
      { board: insightBoards.completedByPlayer, member: session.playerId },
    );
  }
  return counters;
};

/**
 * How the counters move when sessions change from `previous` to `next` (undefined: not stored yet), merged per
 * counter; counters that do not move are left out. A start that moves earlier into another year, country or player
 * takes one from the old counter and gives it to the new.
 */
export const counterDeltas = (changes: readonly { readonly previous: Session | undefined; readonly next: Session }[]): CounterDelta[] => {
  const deltas = new Map<string, CounterDelta>();
  const move = (counter: Counter, by: number) => {
    const key = keyOf(counter);
    deltas.set(key, { board: counter.board, member: counter.member, delta: (deltas.get(key)?.delta ?? 0) + by });
  };
  for (const { previous, next } of changes) {
    for (const counter of countersOf(previous)) move(counter, -1);
    for (const counter of countersOf(next)) move(counter, 1);
  }
  return [...deltas.values()].filter((d) => d.delta !== 0);
};

/**
 * Players are ranked by one number a counter update can move with an addition (no read): completed sessions times
 * `rankUnit`, plus a tiebreak that falls as the player id rises (its first 7 hex digits, inverted). Sorted
 * descending, the index then yields count descending, player ascending; ids sharing those 7 digits tie, and the
 * reader takes the whole tie group (`coversTop`). The rank stays a safe integer up to 9 million completions a player.
 */
export const rankUnit = 1_000_000_000;
const tiebreakDigits = 7;
export const rankBaseOf = (playerId: string): number => 16 ** tiebreakDigits - 1 - Number.parseInt(playerId.slice(0, tiebreakDigits).padEnd(tiebreakDigits, '0'), 16);

/**
 * Whether items read in descending rank order hold the top `n`: either all were read, or more than `n` were and
 * the last read ranks below the n-th (so every item tied with the n-th is among them).
 */
export const coversTop = (ranks: readonly number[], n: number, exhausted: boolean): boolean => {
  const nth = ranks[n - 1];
  const last = ranks[ranks.length - 1];
  return exhausted || (nth !== undefined && last !== undefined && ranks.length > n && last < nth);
};

export interface Tally {
  readonly member: string;
  readonly count: number;
}

/** The tallies with a count, count descending then member ascending; the first `limit` when given. */
export const ranked = (tallies: readonly Tally[], limit?: number): Tally[] => {
  const sorted = tallies.filter((t) => t.count > 0).sort((a, b) => b.count - a.count || (a.member < b.member ? -1 : a.member > b.member ? 1 : 0));
  return limit === undefined ? sorted : sorted.slice(0, limit);
};
