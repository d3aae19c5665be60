import { allContractJsonSchemas } from './jsonSchema';
import { allContracts } from './registry';

describe('JSON Schema of the contracts', () => {
  it.each(['draft-04', 'draft-2020-12'] as const)('converts every contract to %s', (target) => {
    const schemas = allContractJsonSchemas(target);
    expect(schemas.map((schema) => schema.type)).toEqual(allContracts.map((contract) => contract.type));
    for (const { dataSchema, detailSchema } of schemas) {
      expect(dataSchema).toMatchObject({ type: 'object', additionalProperties: false });
      const { $schema: _dialect, ...data } = dataSchema;
      expect(detailSchema).toMatchObject({ type: 'object', additionalProperties: false, properties: { data } });
    }
  });

  it('describes ShowDrafted v3 with its language and premium flag', () => {
    const drafted = allContractJsonSchemas().find((schema) => schema.type === 'ShowDrafted');
    expect(drafted).toMatchObject({
      schemaVersion: 3,
      context: 'catalog',
      dataSchema: { required: ['showId', 'title', 'description', 'genre', 'language', 'premium'] },
    });
  });

  it('pins type, context and schema version in the detail schema', () => {
    const withdrawn = allContractJsonSchemas('draft-2020-12').find((schema) => schema.type === 'ShowWithdrawn');
    expect(withdrawn?.detailSchema).toMatchObject({
      title: 'ShowWithdrawn',
      properties: { type: { const: 'ShowWithdrawn' }, context: { const: 'catalog' }, schemaVersion: { const: 1 } },
    });
  });

  it('names every event in the past tense, once', () => {
    const types = allContracts.map((contract) => contract.type);
    expect(new Set(types).size).toBe(types.length);
    for (const type of types) expect(type).toMatch(/(ed|Withdrawn)$/);
  });
});
