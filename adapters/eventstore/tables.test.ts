import { join } from 'node:path';
import { loadServerlessConfig } from '../../local/config';
import { eventsTableDefinition, snapshotsTableDefinition } from './tables';

/** serverless.yml resolved as the framework does (fragments merged, variables resolved), keyed by table name. */
const declaredTable = async (name: string) => {
  const service = await loadServerlessConfig({ serviceDir: join(__dirname, '../..'), stage: 'dev' });
  const table = service.tables.find((t) => t.TableName === name);
  if (table === undefined) throw new Error(`serverless.yml declares no table ${name}`);
  return table;
};

describe('the tables createEventStoreTables makes', () => {
  it('match the events table serverless.yml declares', async () => {
    const declared = await declaredTable('showrunner-dev-events');
    const ours = eventsTableDefinition('any');
    expect(ours.AttributeDefinitions).toEqual(declared.AttributeDefinitions);
    expect(ours.KeySchema).toEqual(declared.KeySchema);
    expect(ours.GlobalSecondaryIndexes).toEqual(declared.GlobalSecondaryIndexes);
    expect(ours.StreamSpecification?.StreamViewType).toBe(declared.StreamSpecification?.StreamViewType);
  });

  it('match the snapshots table serverless.yml declares', async () => {
    const declared = await declaredTable('showrunner-dev-snapshots');
    const ours = snapshotsTableDefinition('any');
    expect(ours.AttributeDefinitions).toEqual(declared.AttributeDefinitions);
    expect(ours.KeySchema).toEqual(declared.KeySchema);
  });
});
