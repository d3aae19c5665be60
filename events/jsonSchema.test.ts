import { allContractJsonSchemas } from './jsonSchema';
import { allContracts } from './registry';

describe('JSON Schema of the contracts', () => {
  it.each(['draft-04', 'draft-2020-12'] as const)('converts every contract to %s', (target) => {
    const schemas = allContractJsonSchemas(target);
    expect(schemas.map((schema) => schema.type)).toEqual(allContracts.map((contract) => contract.type));
    for (const { dataSchema } of schemas) {
      expect(dataSchema).toMatchObject({ type: 'object', additionalProperties: false });
    }
  });

  it('describes ShowDrafted v2 with its language', () => {
    const drafted = allContractJsonSchemas().find((schema) => schema.type === 'ShowDrafted');
    expect(drafted).toMatchObject({
      schemaVersion: 2,
      context: 'catalog',
      dataSchema: { required: ['showId', 'title', 'description', 'genre', 'language'] },
    });
  });

  it('names every event in the past tense, once', () => {
    const types = allContracts.map((contract) => contract.type);
    expect(new Set(types).size).toBe(types.length);
    for (const type of types) expect(type).toMatch(/(ed|Withdrawn)$/);
  });
});
