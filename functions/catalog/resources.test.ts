import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { catalogTableDefinition, engagementTableDefinition } from '../../adapters/projections';

interface TableResource {
  Properties: { AttributeDefinitions: unknown[]; KeySchema: unknown[]; GlobalSecondaryIndexes?: unknown[] };
}
const resources = parse(readFileSync(join(__dirname, 'resources.yml'), 'utf8'), { customTags: [] }) as { Resources: Record<string, TableResource> };

const shapeOf = (table: { AttributeDefinitions?: unknown; KeySchema?: unknown; GlobalSecondaryIndexes?: unknown }) => ({
  AttributeDefinitions: table.AttributeDefinitions,
  KeySchema: table.KeySchema,
  GlobalSecondaryIndexes: table.GlobalSecondaryIndexes,
});

describe('the catalogue tables of resources.yml', () => {
  it('are the tables the adapters and their tests create', () => {
    expect(shapeOf(resources.Resources.CatalogTable?.Properties ?? {})).toEqual(shapeOf(catalogTableDefinition('x')));
    expect(shapeOf(resources.Resources.EngagementTable?.Properties ?? {})).toEqual(shapeOf(engagementTableDefinition('x')));
  });
});
