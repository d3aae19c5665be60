import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoDbEventStore, createEventStoreTables } from '../../adapters/eventstore';
import { draftShow } from '../../domain/show/fixtures';
import { executeShowCommand, loadShow } from './showCommands';

const client = new DynamoDBClient({});
const suffix = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
const tables = { events: `show-events-${suffix}`, snapshots: `show-snapshots-${suffix}` };
const store = createDynamoDbEventStore({ client, tables });
const context = (commandId: string) => ({ commandId, correlationId: commandId, actor: { id: 'creator-1', kind: 'user' as const } });

beforeAll(() => createEventStoreTables(client, tables));
afterAll(() => client.destroy());

describe('the show command port', () => {
  it('drafts a show through the decider into its stream, and a retried command appends nothing more', async () => {
    const command = { ...draftShow, showId: `show-${suffix}` };
    const first = await executeShowCommand(store, command, context('cmd-1'));
    const retry = await executeShowCommand(store, command, context('cmd-1'));
    expect(first.events.map((e) => [e.type, e.streamId, e.version, e.context])).toEqual([['ShowDrafted', `show#show-${suffix}`, 1, 'catalog']]);
    expect(retry).toMatchObject({ alreadyAppended: true, nextExpectedVersion: 1 });
    expect(retry.events.map((e) => e.eventId)).toEqual(first.events.map((e) => e.eventId));
    const loaded = await loadShow(store, command.showId);
    expect(loaded.version).toBe(1);
    expect(loaded.state.status).toBe('draft');
  });

  it('lets the decider refuse a second draft of the same show', async () => {
    const command = { ...draftShow, showId: `show-twice-${suffix}` };
    await executeShowCommand(store, command, context('draft-a'));
    await expect(executeShowCommand(store, command, context('draft-b'))).rejects.toMatchObject({ name: 'CommandRefusedError' });
  });
});
