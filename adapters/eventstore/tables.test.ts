import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { eventsTableDefinition, snapshotsTableDefinition } from './tables';

const tableSchema = z.object({
  Properties: z.object({
    AttributeDefinitions: z.array(z.unknown()),
    KeySchema: z.array(z.unknown()),
    GlobalSecondaryIndexes: z.array(z.unknown()).optional(),
    StreamSpecification: z.object({ StreamViewType: z.string() }).optional(),
  }),
});

/** serverless.yml as data; its CloudFormation tags (!GetAtt...) are irrelevant to the tables and kept as text. */
const declaredTable = (resource: string) => {
  const text = readFileSync(join(__dirname, '../../serverless.yml'), 'utf8');
  const document = parseDocument(text, { customTags: [{ tag: '!GetAtt', resolve: (value: string) => value }] });
  const resources = z.object({ resources: z.object({ Resources: z.record(z.string(), z.unknown()) }) }).parse(document.toJS());
  return tableSchema.parse(resources.resources.Resources[resource]).Properties;
};

describe('the tables createEventStoreTables makes', () => {
  it('match the events table serverless.yml declares', () => {
    const declared = declaredTable('EventsTable');
    const ours = eventsTableDefinition('any');
    expect(ours.AttributeDefinitions).toEqual(declared.AttributeDefinitions);
    expect(ours.KeySchema).toEqual(declared.KeySchema);
    expect(ours.GlobalSecondaryIndexes).toEqual(declared.GlobalSecondaryIndexes);
    expect(ours.StreamSpecification?.StreamViewType).toBe(declared.StreamSpecification?.StreamViewType);
  });

  it('match the snapshots table serverless.yml declares', () => {
    const declared = declaredTable('SnapshotsTable');
    const ours = snapshotsTableDefinition('any');
    expect(ours.AttributeDefinitions).toEqual(declared.AttributeDefinitions);
    expect(ours.KeySchema).toEqual(declared.KeySchema);
  });
});
