import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { streamEventOf } from '../../../adapters/streams/testing/streamEventOf';
import type { SessionFact } from '../../../domain/sessions';
import { createServiceTables } from '../../../test/serviceTables';
import { callHttp } from '../../http/testing/request';
import { topPlayers } from './insightStore';
import { projectSessionFacts } from './projectFacts';
import { sessionsOnLocalTables } from './testing/sessionsOnLocalTables';

/**
 * The sessions insights through the composition root, on DynamoDB Local: a seeded dataset of raw events (late,
 * duplicated, out of order, ends before their starts, starts corrected by an earlier one) goes in through
 * POST /sessions/events, its log is delivered to the projector shuffled, in pieces, twice and from two "shards" at
 * once, and every insight answer must equal a reference computed here by a plain fold over the same raw events.
 */
const now = '2026-06-30T00:00:00.000Z';
const admin = { sub: 'admin-1', groups: '[admin]' };

type Raw = { event: 'start' | 'end'; country?: string; player_id: string; session_id: string; ts: string };

/** A small deterministic generator (mulberry32): the same dataset every run. */
const seeded = (seed: number) => {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};
const random = seeded(20261203);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const shuffle = <T>(items: readonly T[]): T[] => {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
};

const countries = ['PT', 'ES', 'FR', 'DE', 'US', 'BR', 'JP', 'IN', 'GB', 'IT', 'NL', 'SE', 'MX'];
// Two players share their first 7 hex digits: the ranking's tiebreak cannot tell them apart, the reader must.
const players = [...Array.from({ length: 12 }, (_, i) => `${i.toString(16)}${'7'.repeat(6)}${(i * 7919).toString(16).padStart(25, '0')}`), `abcdef1${'0'.repeat(25)}`, `abcdef1${'f'.repeat(25)}`];
const sid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const windowStart = Date.parse('2025-07-05T00:00:00Z');
const windowEnd = Date.parse('2026-06-28T00:00:00Z');
const tsAt = (ms: number) => new Date(ms).toISOString().replace('Z', '000');

/** Per session: a start, usually an end (some before the start), duplicates, later conflicting starts, earlier corrections. */
const sessionEvents = (n: number): Raw[] => {
  const at = windowStart + Math.floor(random() * (windowEnd - windowStart));
  const start: Raw = { event: 'start', country: pick(countries), player_id: pick(players), session_id: sid(n), ts: tsAt(at) };
  const events: Raw[] = [start];
  const r = random();
  if (r < 0.8) events.push({ event: 'end', player_id: start.player_id, session_id: sid(n), ts: tsAt(at + (random() < 0.1 ? -1 : 1) * (1 + Math.floor(random() * 7_200_000))) });
  if (random() < 0.3) events.push(start);
  if (random() < 0.2 && events[1] !== undefined) events.push(events[1]);
  if (random() < 0.15) events.push({ ...start, country: pick(countries), player_id: pick(players), ts: tsAt(at + 60_000) });
  if (random() < 0.1) events.push({ ...start, country: pick(countries), player_id: pick(players), ts: tsAt(at - 3_600_000 * 24 * 3) });
  // Sessions whose only fact is an end (their start never arrives).
  if (r > 0.97) return [{ event: 'end', player_id: start.player_id, session_id: sid(n), ts: tsAt(at) }];
  return events;
};

/** The reference: an independent plain fold of the raw events (earliest start wins, latest end wins). */
const reference = (events: readonly Raw[]) => {
  const sessions = new Map<string, { start?: Raw; end?: string }>();
  for (const e of events) {
    const s = sessions.get(e.session_id) ?? {};
    if (e.event === 'start' && (s.start === undefined || e.ts < s.start.ts)) s.start = e;
    if (e.event === 'end' && (s.end === undefined || e.ts > s.end)) s.end = e.ts;
    sessions.set(e.session_id, s);
  }
  const all = [...sessions.values()];
  const completed = all.filter((s) => s.start !== undefined && s.end !== undefined).map((s) => s.start as Raw);
  const tally = (keys: readonly string[]) => {
    const counts = new Map<string, number>();
    for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
    return [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
  };
  const startedIn = (year: string) => tally(all.flatMap((s) => (s.start !== undefined && s.start.ts.startsWith(year) ? [s.start.country as string] : [])));
  return {
    totals: { sessions: all.length, started: all.filter((s) => s.start !== undefined).length, completed: completed.length },
    countries: tally(completed.map((s) => s.country as string)).map(([country, n]) => ({ country, completed: n })),
    players: tally(completed.map((s) => s.player_id)).map(([player_id, n]) => ({ player_id, completed: n })),
    topIn: (year: number) => {
      const [top] = startedIn(String(year));
      return { year, country: top?.[0] ?? null, started: top?.[1] ?? 0 };
    },
  };
};

const sessions = sessionsOnLocalTables(now);
const { db } = sessions;
const sent: Raw[] = [];

const ingest = async (events: readonly Raw[]) => {
  for (let i = 0; i < events.length; i += 10) {
    const batch = events.slice(i, i + 10);
    const answer = await callHttp(sessions.api.ingest, { body: batch });
    expect(answer.body).toMatchObject({ acceptedCount: batch.length, failedCount: 0 });
    sent.push(...batch);
  }
};
const logItems = async () => (await db.send(new ScanCommand({ TableName: sessions.deps.tables.log, ConsistentRead: true }))).Items ?? [];
const project = async (items: readonly Record<string, unknown>[]) => expect(await sessions.api.project(streamEventOf(items))).toEqual({ batchItemFailures: [] });

const answers = async () => {
  const ask = async (handler: Parameters<typeof callHttp>[0], request: Parameters<typeof callHttp>[1] = {}) => {
    const answer = await callHttp(handler, { user: admin, ...request });
    expect(answer.status).toBe(200);
    return answer.body;
  };
  return {
    totals: await ask(sessions.api.totalsInsight),
    top10Countries: await ask(sessions.api.countriesInsight, { query: { limit: '10' } }),
    allCountries: await ask(sessions.api.countriesInsight),
    top10Players: await ask(sessions.api.playersInsight),
    top2025: await ask(sessions.api.yearInsight, { path: { year: '2025' } }),
    top2026: await ask(sessions.api.yearInsight, { path: { year: '2026' } }),
    top2024: await ask(sessions.api.yearInsight, { path: { year: '2024' } }),
  };
};
const expected = () => {
  const ref = reference(sent);
  return {
    totals: ref.totals,
    top10Countries: { items: ref.countries.slice(0, 10), count: Math.min(10, ref.countries.length) },
    allCountries: { items: ref.countries, count: ref.countries.length },
    top10Players: { items: ref.players.slice(0, 10), count: Math.min(10, ref.players.length) },
    top2025: ref.topIn(2025),
    top2026: ref.topIn(2026),
    top2024: ref.topIn(2024),
  };
};


describe('the sessions insights, against a reference folded from the same raw events', () => {
  it('given a seeded dataset delivered shuffled, in pieces, twice and from two shards at once, answers exactly as the reference', async () => {
    await ingest(shuffle(Array.from({ length: 260 }, (_, i) => sessionEvents(i + 1)).flat()));
    const log = shuffle(await logItems());
    const third = Math.ceil(log.length / 3);
    await project(log.slice(0, third));
    // Two shards' invocations at once, overlapping: the second third is delivered by both.
    await Promise.all([project(log.slice(third, 2 * third)), project(log.slice(third))]);
    expect(await answers()).toEqual(expected());
    expect((await answers()).top10Players).toMatchObject({ count: 10 });
  });

  it('when the whole log is delivered again (a replay, a retried batch), then no answer moves', async () => {
    const before = await answers();
    await project(shuffle(await logItems()));
    expect(await answers()).toEqual(before);
  });

  it('when late facts arrive (ends of incomplete sessions, starts earlier than their sessions\' own), then the answers follow the reference', async () => {
    const incomplete = [...new Set(sent.map((e) => e.session_id))].filter((id) => !sent.some((e) => e.session_id === id && e.event === 'end')).slice(0, 5);
    const late: Raw[] = incomplete.map((id) => ({ event: 'end', player_id: players[0] as string, session_id: id, ts: tsAt(windowEnd) }));
    late.push({ event: 'start', country: 'AR', player_id: players[1] as string, session_id: sid(1), ts: tsAt(windowStart - 86_400_000) });
    const seen = new Set((await logItems()).map((item) => item.batchId));
    await ingest(late);
    await project((await logItems()).filter((item) => !seen.has(item.batchId)));
    expect(await answers()).toEqual(expected());
  });

  it('refuses callers who are not signed in or neither operators nor admins, and a year that is not one', async () => {
    expect((await callHttp(sessions.api.totalsInsight)).status).toBe(401);
    expect((await callHttp(sessions.api.countriesInsight, { user: { sub: 'viewer-1', groups: '' } })).status).toBe(403);
    expect((await callHttp(sessions.api.countriesInsight, { user: { sub: 'operator-1', groups: 'operator' } })).status).toBe(200);
    const badYear = await callHttp(sessions.api.yearInsight, { user: admin, path: { year: 'last' } });
    expect(badYear.status).toBe(400);
    expect(JSON.stringify(badYear.body)).toContain('year');
    expect((await callHttp(sessions.api.playersInsight, { user: admin, query: { limit: '101' } })).status).toBe(400);
  });
});

describe('the top players read', () => {
  it('given players tied on count and on the first 7 hex digits, reads the whole tie group and orders it by id', async () => {
    const low = `0000000${'0'.repeat(25)}`;
    const high = `0000000${'f'.repeat(25)}`;
    const other = await createServiceTables(sessions.client, ['viewer-sessions', 'session-insights'] as const);
    const own = { log: 'unused', sessions: other.names['viewer-sessions'], insights: other.names['session-insights'] };
    const completed = (n: number, player: string): SessionFact[] => [
      { kind: 'start', sessionId: sid(n), playerId: player, country: 'PT', ts: '2026-01-01T00:00:00.000000' },
      { kind: 'end', sessionId: sid(n), playerId: player, ts: '2026-01-01T01:00:00.000000' },
    ];
    await projectSessionFacts(db, own, [...completed(1, high), ...completed(2, low)]);
    expect(await topPlayers(db, own, 1)).toEqual([{ member: low, count: 1 }]);
    await projectSessionFacts(db, own, completed(3, high));
    expect(await topPlayers(db, own, 2)).toEqual([{ member: high, count: 2 }, { member: low, count: 1 }]);
    await other.dispose();
  });
});
