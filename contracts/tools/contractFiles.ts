import { join } from 'node:path';
import { allContractJsonSchemas, type ContractJsonSchema } from '../../events/jsonSchema';
import { busAsyncApi } from './asyncApi';

export const contractsDir = join(__dirname, '..');
export const schemaPath = (schema: Pick<ContractJsonSchema, 'context' | 'type' | 'schemaVersion'>) => join(contractsDir, 'schemas', schema.context, `${schema.type}.v${schema.schemaVersion}.json`);
export const asyncApiPath = join(contractsDir, 'asyncapi.json');

/** Every file `npm run contracts` writes, with its content: draft-04 schemas (Schema Registry's form) and the AsyncAPI document. */
export const generatedContractFiles = (): { path: string; content: string }[] => {
  const schemas = allContractJsonSchemas('draft-04');
  return [
    ...schemas.map((schema) => ({ path: schemaPath(schema), content: `${JSON.stringify(schema.detailSchema, null, 2)}\n` })),
    { path: asyncApiPath, content: `${JSON.stringify(busAsyncApi(schemas), null, 2)}\n` },
  ];
};
