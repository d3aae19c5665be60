import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

describe('the typed API client', () => {
  it('is generated from the routes as they are now (run `npm run api-client` and commit when this fails)', () => {
    // openapi-typescript is ESM with ESM-only dependencies, so the generator runs in its own process, as npm runs it.
    const root = resolve(__dirname, '..');
    const run = spawnSync(resolve(root, 'node_modules/.bin/tsx'), ['client/tools/generate.ts', '--check'], { cwd: root, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
