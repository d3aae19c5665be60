import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { executionJournals } from './journal';

describe('execution journals', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'sfn-journal-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const start = (name: string, startDate: string) =>
    ({ t: 'start', executionArn: `arn:aws:states:us-east-1:123456789012:execution:m:${name}`, stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:m', name, startDate, input: '{}' }) as const;

  it('given a line torn by a crash, when the journals are loaded, then every whole line before it stands', () => {
    const journal = executionJournals(dir).create(start('a', '2026-01-01T00:00:00.000Z'));
    journal.append({ t: 'token', state: 'Review', token: 'tok-1' });
    journal.close();
    const [file = ''] = readdirSync(dir);
    appendFileSync(join(dir, file), '{"t":"heartbeat","token":"tok-1","at":"2026-01-0');

    const [loaded] = executionJournals(dir).load();
    expect(loaded?.entries.map((entry) => entry.t)).toEqual(['start', 'token']);
  });

  it('given several executions, when loaded, then they come oldest first, with history timestamps as dates', () => {
    const journals = executionJournals(dir);
    const later = journals.create(start('later', '2026-01-02T00:00:00.000Z'));
    later.append({ t: 'event', event: { id: 1, previousEventId: 0, timestamp: new Date('2026-01-02T00:00:01.000Z'), type: 'ExecutionStarted' } });
    later.close();
    journals.create(start('earlier', '2026-01-01T00:00:00.000Z')).close();

    const loaded = executionJournals(dir).load();
    expect(loaded.map(({ start: s }) => s.name)).toEqual(['earlier', 'later']);
    const event = loaded[1]?.entries[1];
    expect(event?.t === 'event' && event.event.timestamp).toEqual(new Date('2026-01-02T00:00:01.000Z'));
  });
});
