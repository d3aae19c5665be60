import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { allContractJsonSchemas, type JsonSchemaTarget } from './jsonSchema';

/**
 * Writes the JSON Schema of every event's EventBridge detail to `<dir>/<context>/<Type>.v<N>.json`, the
 * shape EventBridge Schema Registry accepts (JSON Schema draft-04), for consumers and for review in diffs.
 * Usage: tsx events/emitContracts.ts [dir=contracts] [target=draft-04]
 */
const emit = async (dir: string, target: JsonSchemaTarget) => {
  const schemas = allContractJsonSchemas(target);
  for (const schema of schemas) {
    const folder = join(dir, schema.context);
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, `${schema.type}.v${schema.schemaVersion}.json`), `${JSON.stringify(schema.detailSchema, null, 2)}\n`);
  }
  return schemas.length;
};

const [dir = 'contracts', target = 'draft-04'] = process.argv.slice(2);
emit(dir, target as JsonSchemaTarget).then(
  (count) => console.log(`Wrote ${count} event schemas (${target}) to ${dir}/`),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
