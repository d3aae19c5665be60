import type { GroupFailure } from './groups';
import { processStream, type StreamConsumer } from './processStream';
import { streamEventOf } from './testing/streamEventOf';

/** Log items of a stream keyed by request, each holding facts of several keys (as the QoS logs are). */
const item = (facts: [string, number][]) => ({ facts: JSON.stringify(facts) });
interface Fact {
  readonly key: string;
  readonly n: number;
}
const consumer = (process: StreamConsumer<Fact>['process']): StreamConsumer<Fact> => ({
  name: 'test',
  decode: (stored) => {
    if (typeof stored.facts !== 'string') throw new Error('no facts');
    return (JSON.parse(stored.facts) as [string, number][]).map(([key, n]) => ({ key, n }));
  },
  keyOf: (fact) => fact.key,
  process,
});
const failures = (entries: [string, GroupFailure][]) => async () => new Map(entries);

describe('a stream batch through the kit', () => {
  it('hands each group its units in record order, across records', async () => {
    const seen = new Map<string, number[]>();
    const answer = await processStream(
      streamEventOf([item([['a', 1], ['b', 1]]), item([['b', 2]]), item([['a', 2], ['c', 1]])]),
      consumer(async (groups) => {
        for (const [key, units] of groups) seen.set(key, units.map((u) => u.value.n));
        return new Map();
      }),
    );
    expect(answer).toEqual({ batchItemFailures: [] });
    expect(Object.fromEntries(seen)).toEqual({ a: [1, 2], b: [1, 2], c: [1] });
  });

  it('fails only the records of a failed group, from its first failed unit on', async () => {
    const event = streamEventOf([item([['a', 1]]), item([['b', 1]]), item([['a', 2]]), item([['b', 2]]), item([['a', 3]])]);
    // Group a failed from its second unit (record 3): records 3 and 5 are retried, b's are not.
    const answer = await processStream(event, consumer(failures([['a', { from: 1, error: new Error('boom') }]])));
    expect(answer.batchItemFailures).toEqual([{ itemIdentifier: '3' }, { itemIdentifier: '5' }]);
  });

  it('tells the consumer how many records it left for a retry, and says nothing of a batch that went through', async () => {
    const told: number[] = [];
    const onRecordsLeft = (count: number) => told.push(count);
    const event = streamEventOf([item([['a', 1]]), item([['b', 1]]), item([['a', 2]])]);
    await processStream(event, { ...consumer(failures([['a', { from: 0, error: new Error('boom') }]])), onRecordsLeft });
    await processStream(event, { ...consumer(failures([])), onRecordsLeft });
    expect(told).toEqual([2]);
  });

  it('fails a record carrying units of several groups when any of them failed at or before it', async () => {
    const event = streamEventOf([item([['a', 1], ['b', 1]]), item([['c', 1]]), item([['b', 2], ['c', 2]])]);
    const answer = await processStream(event, consumer(failures([['b', { from: 1, error: new Error('b') }]])));
    expect(answer.batchItemFailures).toEqual([{ itemIdentifier: '3' }]);
  });

  it('reports every record, and throws nothing, when every group failed', async () => {
    const event = streamEventOf([item([['a', 1]]), item([['b', 1]])]);
    const answer = await processStream(event, consumer(failures([['a', { from: 0, error: 'x' }], ['b', { from: 0, error: 'y' }]])));
    expect(answer.batchItemFailures).toEqual([{ itemIdentifier: '1' }, { itemIdentifier: '2' }]);
  });

  it('stops at a record it cannot decode: it and every record after it are retried, those before are processed', async () => {
    const processed: string[] = [];
    const event = streamEventOf([item([['a', 1]]), { other: 1 }, item([['b', 1]])]);
    const answer = await processStream(
      event,
      consumer(async (groups) => {
        processed.push(...groups.keys());
        return new Map();
      }),
    );
    expect(processed).toEqual(['a']);
    expect(answer.batchItemFailures).toEqual([{ itemIdentifier: '2' }, { itemIdentifier: '3' }]);
  });

  it('skips what is not an insert (a TTL removal, a modification)', async () => {
    const event = streamEventOf([item([['a', 1]])]);
    const removal = { eventName: 'REMOVE', dynamodb: { SequenceNumber: '2', OldImage: {} } };
    const answer = await processStream({ Records: [...event.Records, removal] }, consumer(async (groups) => new Map([...groups.keys()].filter((k) => k !== 'a').map((k) => [k, { from: 0, error: k }]))));
    expect(answer).toEqual({ batchItemFailures: [] });
  });

  it('refuses an event that is not a DynamoDB Streams batch', async () => {
    await expect(processStream({ Records: [{ eventName: 'INSERT' }] }, consumer(failures([])))).rejects.toThrow();
  });
});
