import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDeliveryJournal } from './deliveryJournal';
import { createEventBridgeService } from './service';
import type { EventBridgeEvent, RuleTarget } from './types';

const target: RuleTarget = { id: 'start', arn: 'arn:aws:lambda:eu-west-1:000000000000:function:start' };
const rules = [{ name: 'uploads', eventBusName: 'default', eventPattern: { source: ['aws.s3'] }, targets: [target] }];
const entry = { Source: 'aws.s3', DetailType: 'Object Created', Detail: JSON.stringify({ object: { key: 'uploads/a' } }) };

describe('the delivery journal', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'eventbridge-journal-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given a delivery accepted and a process killed before it ran, when the next start delivers what is owed, then the target gets it', async () => {
    const killedRun = createEventBridgeService({ region: 'eu-west-1', accountId: '000000000000', buses: [], rules, deliver: () => new Promise(() => undefined), journal: openDeliveryJournal(dir) });
    const { Entries } = await killedRun.putEvents([entry]);

    const delivered: EventBridgeEvent[] = [];
    const nextRun = createEventBridgeService({ region: 'eu-west-1', accountId: '000000000000', buses: [], rules, deliver: async (_target, _payload, event) => void delivered.push(event), journal: openDeliveryJournal(dir) });
    expect(nextRun.deliverOwed()).toBe(1);
    await nextRun.idle();
    expect(delivered.map((event) => event.id)).toEqual(Entries.map((result) => ('EventId' in result ? result.EventId : result.ErrorCode)));

    // Delivered, so crossed out: a third start owes nothing.
    expect(openDeliveryJournal(dir).owed).toEqual([]);
  });

  it('given deliveries that settled (delivered, or given up after retries), then nothing is owed for them', async () => {
    let calls = 0;
    const service = createEventBridgeService({
      region: 'eu-west-1', accountId: '000000000000', buses: [], rules, retry: { attempts: 2, firstDelayMs: 1 }, onDeliveryFailure: () => undefined,
      deliver: async () => {
        calls += 1;
        if (calls > 1) throw new Error('target down');
      },
      journal: openDeliveryJournal(dir),
    });
    await service.putEvents([entry, entry]);
    await service.idle();
    expect(calls).toBe(3);
    expect(openDeliveryJournal(dir).owed).toEqual([]);
  });

  it('given a target that keeps failing, when the process stops, then the stop does not wait out the retries and the next start still owes the delivery', async () => {
    // AWS's default policy: 185 attempts over up to 24 hours.
    const stopping = createEventBridgeService({ region: 'eu-west-1', accountId: '000000000000', buses: [], rules, deliver: async () => Promise.reject(new Error('target down')), journal: openDeliveryJournal(dir) });
    await stopping.putEvents([entry]);
    await new Promise((r) => setTimeout(r, 50));
    await stopping.close();
    expect(openDeliveryJournal(dir).owed).toHaveLength(1);
  });

  it('given a line cut in mid-write by a crash, then the journal opens with the whole lines before it', () => {
    const journal = openDeliveryJournal(dir);
    const id = journal.record({ target, payload: { a: 1 }, event: { id: 'e1' } as EventBridgeEvent });
    appendFileSync(join(dir, 'deliveries.jsonl'), '{"id":"cut-in-mi');
    expect(openDeliveryJournal(dir).owed).toEqual([{ target, payload: { a: 1 }, event: { id: 'e1' }, journalId: id }]);
  });
});
