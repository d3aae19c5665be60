import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { CreateTableCommand, DeleteTableCommand, type CreateTableCommandInput, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { loadServerlessConfig } from '../local/config';

/**
 * Tables made from serverless.yml's own definitions (so a test's table cannot drift from the deployed one) under unique names (streams and TTL off: tests
 * feed the projectors themselves). Answers each table's test name by its serverless.yml name, and a disposer.
 */
export const createServiceTables = async <Name extends string>(client: DynamoDBClient, names: readonly Name[]) => {
  const suffix = randomUUID().slice(0, 8);
  const service = await loadServerlessConfig({ serviceDir: join(__dirname, '..'), stage: 'dev' });
  const created = {} as Record<Name, string>;
  for (const name of names) {
    const table = service.tables.find((t) => t.TableName === `showrunner-dev-${name}`);
    if (table === undefined) throw new Error(`serverless.yml has no ${name} table`);
    const input = { ...table, TableName: `${name}-${suffix}`, StreamSpecification: undefined, TimeToLiveSpecification: undefined } as CreateTableCommandInput;
    await client.send(new CreateTableCommand(input));
    created[name] = `${name}-${suffix}`;
  }
  const dispose = async () => {
    await Promise.all(Object.values<string>(created).map((TableName) => client.send(new DeleteTableCommand({ TableName }))));
  };
  return { names: created, dispose };
};
