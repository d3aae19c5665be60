import { counterDeltas, countersOf, coversTop, rankBaseOf, ranked, rankUnit, startedInBoard } from './insights';
import { applyFact, type Session, type SessionFact } from './session';

const alice = 'a'.repeat(32);
const bob = 'b'.repeat(32);
const sid = '2f1c7f2e-8a51-4c39-9a7e-1d2b3c4d5e6f';
const start: SessionFact = { kind: 'start', sessionId: sid, playerId: alice, country: 'PT', ts: '2026-01-01T00:10:00.000000' };
const end: SessionFact = { kind: 'end', sessionId: sid, playerId: alice, ts: '2026-01-01T00:30:00.000000' };

/** The counters after folding facts one by one, each fold moving them by its delta: what the projector does. */
const countersAfter = (facts: readonly SessionFact[]) => {
  const counters = new Map<string, number>();
  let session: Session | undefined;
  for (const fact of facts) {
    const next = applyFact(session, fact);
    for (const d of counterDeltas([{ previous: session, next }])) counters.set(`${d.board}/${d.member}`, (counters.get(`${d.board}/${d.member}`) ?? 0) + d.delta);
    session = next;
  }
  return Object.fromEntries([...counters].filter(([, n]) => n !== 0));
};

describe('what a session adds to the insight counters', () => {
  it('counts a session seen, its start (in its year and country) and, once start and end are known, its completion', () => {
    expect(countersOf({ sessionId: sid, playerId: alice, endTs: end.ts }).map((c) => c.member)).toEqual(['sessions']);
    expect(countersOf(applyFact(applyFact(undefined, start), end))).toEqual([
      { board: 'totals', member: 'sessions' },
      { board: 'totals', member: 'started' },
      { board: startedInBoard(2026), member: 'PT' },
      { board: 'totals', member: 'completed' },
      { board: 'completedByCountry', member: 'PT' },
      { board: 'completedByPlayer', member: alice },
    ]);
  });

  it('given facts in any order, duplicated, an end before its start: the counters end the same, each session once', () => {
    const expected = { 'totals/sessions': 1, 'totals/started': 1, 'startedIn#2026/PT': 1, 'totals/completed': 1, 'completedByCountry/PT': 1, [`completedByPlayer/${alice}`]: 1 };
    expect(countersAfter([start, end])).toEqual(expected);
    expect(countersAfter([end, start])).toEqual(expected);
    expect(countersAfter([end, end, start, start, end])).toEqual(expected);
  });

  it('when an earlier start of another year, country and player arrives, moves the session to them', () => {
    const earlier: SessionFact = { ...start, ts: '2025-12-31T23:59:00.000000', country: 'ES', playerId: bob };
    expect(countersAfter([start, end, earlier])).toEqual({
      'totals/sessions': 1, 'totals/started': 1, 'startedIn#2025/ES': 1, 'totals/completed': 1, 'completedByCountry/ES': 1, [`completedByPlayer/${bob}`]: 1,
    });
  });

  it('merges the deltas of several sessions per counter and leaves out what did not move', () => {
    const one = applyFact(undefined, start);
    const two = applyFact(undefined, { ...start, sessionId: 'other' });
    expect(counterDeltas([{ previous: undefined, next: one }, { previous: undefined, next: two }])).toContainEqual({ board: 'totals', member: 'sessions', delta: 2 });
    expect(counterDeltas([{ previous: one, next: one }])).toEqual([]);
  });
});

describe('ranking players by completed sessions', () => {
  const rank = (count: number, player: string) => count * rankUnit + rankBaseOf(player);

  it('orders ranks by count descending, then player ascending', () => {
    const players = ['0000000f'.padEnd(32, '0'), 'a'.repeat(32), 'ffffffff'.padEnd(32, '0'), '1'.repeat(32)];
    const byRank = [...players].sort((a, b) => rank(2, b) - rank(2, a));
    expect(byRank).toEqual([...players].sort());
    expect(rank(3, 'f'.repeat(32))).toBeGreaterThan(rank(2, '0'.repeat(32)));
    expect(Number.isSafeInteger(rank(9_000_000, '0'.repeat(32)))).toBe(true);
  });

  it('knows the top n is covered once a rank below the n-th is read, or everything was', () => {
    expect(coversTop([9, 8, 7], 2, false)).toBe(true);
    expect(coversTop([9, 8, 8], 2, false)).toBe(false);
    expect(coversTop([9, 8], 2, false)).toBe(false);
    expect(coversTop([9], 2, true)).toBe(true);
  });

  it('sorts tallies count descending, member ascending, without zeros', () => {
    expect(ranked([{ member: 'ES', count: 2 }, { member: 'AT', count: 2 }, { member: 'PT', count: 5 }, { member: 'FR', count: 0 }], 2)).toEqual([
      { member: 'PT', count: 5 },
      { member: 'AT', count: 2 },
    ]);
  });
});
