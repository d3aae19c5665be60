import { admit } from './admission';
import { rawSessionEventSchema, type RawSessionEvent } from './rawEvent';
import { startedWindow } from './readWindow';
import { applyFact, factOf, foldSessions, isCompleted, type Session, type SessionFact } from './session';

const player = 'a'.repeat(32);
const sid = '2f1c7f2e-8a51-4c39-9a7e-1d2b3c4d5e6f';
const start: SessionFact = { kind: 'start', sessionId: sid, playerId: player, country: 'PT', ts: '2026-11-20T10:00:00.000000' };
const end: SessionFact = { kind: 'end', sessionId: sid, playerId: player, ts: '2026-11-20T10:30:00.500000' };
const fold = (facts: readonly SessionFact[]): Session | undefined => facts.reduce<Session | undefined>(applyFact, undefined);
const completedSession: Session = { sessionId: sid, playerId: player, country: 'PT', startTs: start.ts, endTs: end.ts };

describe('a viewer session folded from its facts', () => {
  it('is the same whatever the order of start and end', () => {
    expect(fold([start, end])).toEqual(completedSession);
    expect(fold([end, start])).toEqual(completedSession);
  });

  it('keeps an end that came before its start, incomplete, and completes it when the start arrives', () => {
    const endOnly = fold([end]);
    expect(endOnly).toEqual({ sessionId: sid, playerId: player, endTs: end.ts });
    expect(endOnly !== undefined && isCompleted(endOnly)).toBe(false);
    const completed = applyFact(endOnly, start);
    expect(isCompleted(completed)).toBe(true);
    expect(completed.country).toBe('PT');
  });

  it('is not reset by a late (duplicate or conflicting) start after it completed', () => {
    const lateStart: SessionFact = { ...start, ts: '2026-11-20T10:05:00.000000', country: 'ES' };
    expect(fold([start, end, start])).toEqual(completedSession);
    expect(fold([start, end, lateStart])).toEqual(completedSession);
    expect(fold([lateStart, end, start])).toEqual(completedSession);
  });

  it('changes nothing on duplicates: foldSessions reports no session to rewrite', () => {
    const current = new Map([[sid, completedSession]]);
    expect(foldSessions(current, [start, end, end, start]).size).toBe(0);
    expect(foldSessions(new Map(), [end, end]).get(sid)).toEqual({ sessionId: sid, playerId: player, endTs: end.ts });
  });
});

describe('admitting a raw sessions event', () => {
  const now = '2026-11-23T06:00:00.000Z';
  const admitRaw = (raw: unknown) => admit(rawSessionEventSchema, raw, now, (e: RawSessionEvent) => e.ts);

  it('accepts an end without a country and normalizes a microsecond, zone-less ts as UTC', () => {
    const admission = admitRaw({ event: 'end', player_id: player.toUpperCase(), session_id: sid, ts: '2026-11-20T10:30:00.5' });
    if (admission.status !== 'accepted') throw new Error(JSON.stringify(admission));
    expect(factOf(admission.value)).toEqual(end);
  });

  it('refuses an event older than a year, one far in the future, a start without country, and a bad id, each saying why', () => {
    expect(admitRaw({ event: 'start', country: 'PT', player_id: player, session_id: sid, ts: '2025-11-22T05:59:59.999999' })).toMatchObject({ status: 'rejected', error: 'too_old' });
    expect(admitRaw({ event: 'start', country: 'PT', player_id: player, session_id: sid, ts: '2026-11-25T06:00:00' })).toMatchObject({ status: 'rejected', error: 'in_the_future' });
    expect(admitRaw({ event: 'start', player_id: player, session_id: sid, ts: '2026-11-20T10:00:00' })).toMatchObject({ status: 'rejected', error: 'invalid_event', details: [{ path: 'country' }] });
    expect(admitRaw({ event: 'end', player_id: 'xyz', session_id: sid, ts: '2026-11-20T10:00:00' })).toMatchObject({ status: 'rejected', details: [{ path: 'player_id' }] });
    expect(admitRaw({ event: 'end', player_id: player, session_id: sid, ts: '2026-11-20 10:00:00+02:00' })).toMatchObject({ status: 'rejected', details: [{ path: 'ts' }] });
  });
});

describe('the window of "started in the last N hours"', () => {
  it('covers the hour buckets from now back to now - N hours, newest first', () => {
    expect(startedWindow('2026-11-23T06:15:00Z', 2)).toEqual({
      from: '2026-11-23T04:15:00.000000',
      to: '2026-11-23T06:15:00.000000',
      buckets: ['2026-11-23T06', '2026-11-23T05', '2026-11-23T04'],
    });
  });
});
