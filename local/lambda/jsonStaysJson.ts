import { readFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { fileURLToPath } from 'node:url';

/*
 * Handlers run with --conditions=import so tsx's CommonJS output can require ESM-only packages (middy), as the
 * esbuild bundle does. With that condition tsx takes every require() of a .json file for an ESM import and hands
 * Node's JSON loader the file turned into JavaScript (tsx issue #794; aws-xray-sdk-core's sampling rules hit
 * it). Importing this module keeps JSON as JSON: hooks registered after tsx's run first.
 */
registerHooks({
  load: (url, context, nextLoad) =>
    url.startsWith('file:') && url.endsWith('.json') ? { format: 'json', source: readFileSync(fileURLToPath(url)), shortCircuit: true } : nextLoad(url, context),
});
