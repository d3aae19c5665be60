import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { build } from 'esbuild';
import * as z from 'zod';

/**
 * Handlers run from esbuild bundles, built as serverless-esbuild builds what is deployed (serverless.yml
 * custom.esbuild: bundle, CommonJS, node22, ES module builds first): a cold start then parses one file instead of
 * loading hundreds through tsx's hooks, about a quarter of the CPU (README, Local cloud). A bundle is built once and
 * reused while none of its inputs changed (size and mtime of each, from esbuild's metafile), so the suites of a test
 * run and each restart of `npm start` share them.
 *
 * Bundles live under the repository (`.local/bundles`), so what a handler resolves at run time (createRequire,
 * require.resolve, the packages kept external) is found in the repository's node_modules, as in the deployed zip.
 */

/** Kept out of the bundles as serverless.yml's custom.esbuild.exclude keeps them out: loaded from node_modules. */
const external = ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', 'nsfwjs'];

const inputsSchema = z.array(z.tuple([z.string(), z.number(), z.number()]));
type Inputs = z.infer<typeof inputsSchema>;

const fingerprint = (file: string): [string, number, number] => {
  const stat = statSync(file);
  return [file, stat.size, stat.mtimeMs];
};

const stillFresh = (inputsFile: string): boolean => {
  try {
    const inputs: Inputs = inputsSchema.parse(JSON.parse(readFileSync(inputsFile, 'utf8')));
    return inputs.every(([file, size, mtimeMs]) => {
      const [, nowSize, nowMtime] = fingerprint(file);
      return nowSize === size && nowMtime === mtimeMs;
    });
  } catch {
    // No record yet, an unreadable one, or an input gone: build again.
    return false;
  }
};

const bundle = async (sourceFile: string, outFile: string, inputsFile: string): Promise<void> => {
  // Written beside, then renamed: suites in parallel workers may build the same bundle at once.
  const temporary = `${outFile}.${process.pid}.${Date.now()}.tmp`;
  const result = await build({
    entryPoints: [sourceFile],
    outfile: temporary,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    mainFields: ['module', 'main'],
    conditions: ['import'],
    keepNames: true,
    external,
    // Errors point at the TypeScript sources (the worker runs with source maps on).
    sourcemap: 'linked',
    // Stack traces need only the mappings; the sources' text was most of each map's size and of its parse at load.
    sourcesContent: false,
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs).map((input) => fingerprint(resolve(input)));
  renameSync(`${temporary}.map`, `${outFile}.map`);
  // The map is named after the file it was built as: point the bundle at the map's final name.
  writeFileSync(temporary, readFileSync(temporary, 'utf8').replace(/\/\/# sourceMappingURL=.*\s*$/, `//# sourceMappingURL=${basename(outFile)}.map\n`));
  renameSync(temporary, outFile);
  writeFileSync(inputsFile, JSON.stringify(inputs));
};

export interface Bundler {
  /** The bundle of a handler (or worker) source file, built when missing or stale. */
  bundleOf(sourceFile: string): Promise<string>;
}

export const createBundler = (bundleDir = join(process.cwd(), '.local', 'bundles')): Bundler => {
  mkdirSync(bundleDir, { recursive: true });
  const building = new Map<string, Promise<string>>();
  return {
    bundleOf: (sourceFile) => {
      // A build under way is shared; otherwise the inputs are checked at every cold start, as a deploy would change them.
      const underWay = building.get(sourceFile);
      if (underWay !== undefined) return underWay;
      const name = `${basename(sourceFile).replace(/\.[cm]?[jt]s$/, '')}-${createHash('sha1').update(resolve(sourceFile)).digest('hex').slice(0, 12)}`;
      const outFile = join(bundleDir, `${name}.cjs`);
      const inputsFile = join(bundleDir, `${name}.inputs.json`);
      if (stillFresh(inputsFile)) return Promise.resolve(outFile);
      const ready = bundle(sourceFile, outFile, inputsFile).then(() => outFile);
      // Done or failed, the next cold start checks again (a failed build is retried once the source is fixed).
      const forget = () => void building.delete(sourceFile);
      ready.then(forget, forget);
      building.set(sourceFile, ready);
      return ready;
    },
  };
};
