import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadServerlessConfig } from './config';
import { createJwtAuthorizer, createLocalIssuer } from './gateway';

const fixtureConfig = join(__dirname, 'config', 'fixtures', 'full', 'serverless.yml');

const runTokenScript = (args: string[], dataDir: string) =>
  spawnSync(process.execPath, ['--import', pathToFileURL(require.resolve('tsx')).href, join(__dirname, 'token.ts'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, SHOWRUNNER_DATA_DIR: dataDir, SHOWRUNNER_CONFIG: fixtureConfig, SHOWRUNNER_STAGE: 'test' },
  });

describe('npx tsx local/token.ts', () => {
  it("prints a token for serverless.yml's authorizer, signed with the key under the data folder", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'token-script-'));
    const run = runTokenScript(['--sub', 'alice', '--groups', 'admin,reviewer', '--scopes', 'shows/read'], dataDir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const token = run.stdout.trim();

    const service = await loadServerlessConfig({ serviceDir: join(fixtureConfig, '..'), env: {} });
    const config = service.httpApi.authorizers.cognito;
    if (config === undefined) throw new Error('the fixture declares a cognito authorizer');
    const issuer = await createLocalIssuer({ dataDir, issuerUrl: config.issuerUrl, audience: config.audience[0] ?? '' });
    const outcome = await createJwtAuthorizer(config, issuer).authorize({ authorization: `Bearer ${token}` }, ['shows/read']);
    expect(outcome).toMatchObject({ ok: true, claims: { sub: 'alice', 'cognito:groups': '[admin reviewer]', client_id: 'showrunner-local' }, scopes: ['shows/read'] });
  });

  it('explains its usage when --sub is missing', () => {
    const run = runTokenScript([], mkdtempSync(join(tmpdir(), 'token-script-')));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('--sub is required');
  });
});
