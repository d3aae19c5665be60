import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { generatedClientFiles } from './clientFiles';

const readOrNothing = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

/**
 * `npm run api-client`: rewrites client/openapi.json and client/schema.ts from the routes; commit what it writes.
 * With `--check` it writes nothing and exits 1 naming each stale file (the test suite runs it so).
 */
const run = async (check: boolean) => {
  let stale = 0;
  for (const file of await generatedClientFiles()) {
    if (readOrNothing(file.path) === file.content) continue;
    const name = relative(process.cwd(), file.path);
    if (check) {
      stale += 1;
      console.error(`${name} is stale: run \`npm run api-client\` and commit it`);
    } else {
      await writeFile(file.path, file.content);
      console.log(`wrote ${name}`);
    }
  }
  if (stale > 0) process.exitCode = 1;
};

void run(process.argv.includes('--check'));
