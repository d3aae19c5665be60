import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { handlerParts, lambdaEnvironment, packagedFunctions, packageService, unpack, type PackagedFunction } from './packagedBundles';

/**
 * Every function's packaged bundle loads on its own, without AWS, in a fresh Node process with the environment
 * Lambda would give it, and exports the handler serverless.yml names as a function. Minifying and tree-shaking
 * must not cost a handler. SHOWRUNNER_PACKAGE_DIR reuses a `serverless package --package <dir>` output.
 */

// Prints the type of the named export, then exits: a handler's clients or timers must not keep it alive.
const loadScript = 'const m = require(process.argv[1]); process.stdout.write(typeof m[process.argv[2]]); process.exit(0);';

const handlerTypeOf = async (fn: PackagedFunction): Promise<string> => {
  const dir = unpack(fn);
  try {
    const { file, exportName } = handlerParts(fn.handler);
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', loadScript, join(dir, file), exportName], { cwd: dir, env: lambdaEnvironment(fn, dir) });
    return stdout;
  } catch (error) {
    // The last line of the child's stderr names the error; the rest is the minified source around it.
    const stderr = typeof error === 'object' && error !== null && 'stderr' in error ? String(error.stderr) : String(error);
    return `load failed: ${stderr.split('\n').filter((line) => /Error/.test(line) && line.length < 500).join(' | ')}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

describe('packaged function bundles', () => {
  let packageDir = '';
  beforeAll(async () => {
    packageDir = process.env.SHOWRUNNER_PACKAGE_DIR ?? (await packageService());
  }, 900_000);

  it('load from their zip and export each handler serverless.yml names as a function', async () => {
    const functions = packagedFunctions(packageDir);
    expect(functions.length).toBeGreaterThan(40);
    // One load per core at a time: each is a fresh Node process, mostly CPU.
    const pending = [...functions];
    const problems: string[] = [];
    const loader = async () => {
      for (let fn = pending.shift(); fn !== undefined; fn = pending.shift()) {
        const type = await handlerTypeOf(fn);
        if (type !== 'function') problems.push(`${fn.name} (${fn.handler}): ${type}`);
      }
    };
    await Promise.all(Array.from({ length: availableParallelism() }, loader));
    expect(problems.sort()).toEqual([]);
  }, 600_000);
});
