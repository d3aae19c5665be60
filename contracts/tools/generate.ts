import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { incompatibilities } from './compatibility';
import { asyncApiPath, generatedContractFiles } from './contractFiles';

/**
 * `npm run contracts`: writes every event's JSON Schema and the AsyncAPI document under contracts/. A
 * published schema version that would change incompatibly is refused: give the event a new schemaVersion
 * (with an upcaster) instead. Commit what it writes: the files are the contract consumers read.
 */
const run = () => {
  let refused = 0;
  let written = 0;
  for (const file of generatedContractFiles()) {
    const name = relative(process.cwd(), file.path);
    if (existsSync(file.path)) {
      const published = readFileSync(file.path, 'utf8');
      if (published === file.content) continue;
      const problems = file.path === asyncApiPath ? [] : incompatibilities(JSON.parse(published), JSON.parse(file.content));
      if (problems.length > 0) {
        refused += 1;
        console.error(`${name} is published; this change breaks it:\n  ${problems.join('\n  ')}\n  Bump the event's schemaVersion (and add an upcaster) instead.`);
        continue;
      }
    }
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(file.path, file.content);
    written += 1;
    console.log(`wrote ${name}`);
  }
  if (refused > 0) process.exitCode = 1;
  console.log(`${written} contract file(s) written, ${refused} refused`);
};

run();
