import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ServerlessConfigError } from './errors';

/**
 * The config as the framework itself resolves it (`serverless print --format json`, osls, offline). Slower than
 * resolving variables here (~2.5 s of process start), but exactly what `serverless package` would see.
 */
// The service folder may sit below the project (fixtures do): find the framework the way node finds packages.
const frameworkBin = (from: string): string => {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', '.bin', 'serverless');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new ServerlessConfigError('serverless.yml', `no node_modules/.bin/serverless above ${from}: install osls (npm ci)`);
  }
};

export const printWithFramework = (serviceDir: string, options: { stage?: string; region?: string; configFile?: string }): Promise<unknown> =>
  new Promise((resolve, reject) => {
    const args = ['print', '--format', 'json'];
    if (options.stage !== undefined) args.push('--stage', options.stage);
    if (options.region !== undefined) args.push('--region', options.region);
    if (options.configFile !== undefined) args.push('--config', options.configFile);
    execFile(frameworkBin(serviceDir), args, { cwd: serviceDir, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error !== null) {
        const reason = `${stderr}\n${stdout}`.split('\n').find((line) => /error|invalid|cannot/i.test(line)) ?? error.message;
        reject(new ServerlessConfigError(options.configFile ?? 'serverless.yml', `serverless print failed: ${reason.trim()}`));
        return;
      }
      try {
        resolve(JSON.parse(stdout) as unknown);
      } catch {
        reject(new ServerlessConfigError(options.configFile ?? 'serverless.yml', 'serverless print did not print JSON: run `npx serverless print` to see why'));
      }
    });
  });
