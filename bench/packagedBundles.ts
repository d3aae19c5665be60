import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { inflateRawSync } from 'node:zlib';

/**
 * The function bundles `serverless package` writes, read the way Lambda reads them: from each function's zip,
 * with the handler and environment of the compiled CloudFormation template. The bundle test and the coldStart
 * benchmark share it.
 */

const repoDir = join(__dirname, '..');

export interface PackagedFunction {
  /** The logical id's function name, e.g. `health`. */
  readonly name: string;
  /** `<file without extension>.<export>`, as in serverless.yml. */
  readonly handler: string;
  readonly zipPath: string;
  /** Environment variables; CloudFormation intrinsics (a Ref, a GetAtt) become placeholders of the same kind. */
  readonly environment: Readonly<Record<string, string>>;
}

interface LambdaResource {
  readonly Type: string;
  readonly Properties: { readonly Handler?: string; readonly Code?: { readonly S3Key?: string }; readonly Environment?: { readonly Variables?: Record<string, unknown> } };
}

/** Runs `serverless package` into a fresh folder (offline, no credentials) and returns that folder. */
export const packageService = async (): Promise<string> => {
  const out = mkdtempSync(join(tmpdir(), 'showrunner-package-'));
  const bin = join(repoDir, 'node_modules', '.bin', 'serverless');
  await promisify(execFile)(bin, ['package', '--package', out], { cwd: repoDir, maxBuffer: 64 * 1024 * 1024 });
  return out;
};

/** What an unresolved intrinsic stands for: something of the same shape, so config parsing sees a real value. */
const placeholderFor = (variable: string): string => {
  if (variable.endsWith('_ARN')) return `arn:aws:states:eu-west-1:123456789012:stateMachine:${variable.toLowerCase()}`;
  if (variable.endsWith('_URL')) return 'https://example.com/placeholder';
  if (variable.endsWith('_DOMAIN')) return 'd111111abcdef8.cloudfront.net';
  if (variable.endsWith('_ID')) return 'placeholderid123';
  return `placeholder-${variable.toLowerCase()}`;
};

/** Every function of a package folder, from its compiled template. */
export const packagedFunctions = (packageDir: string): PackagedFunction[] => {
  const template = JSON.parse(readFileSync(join(packageDir, 'cloudformation-template-update-stack.json'), 'utf8')) as { Resources: Record<string, LambdaResource> };
  return Object.values(template.Resources)
    .filter((resource) => resource.Type === 'AWS::Lambda::Function' && resource.Properties.Handler !== undefined)
    .map((resource) => {
      const zipName = (resource.Properties.Code?.S3Key ?? '').split('/').at(-1) ?? '';
      const variables = resource.Properties.Environment?.Variables ?? {};
      const environment = Object.fromEntries(Object.entries(variables).map(([key, value]) => [key, typeof value === 'string' ? value : placeholderFor(key)]));
      return { name: zipName.replace(/\.zip$/, ''), handler: resource.Properties.Handler ?? '', zipPath: join(packageDir, zipName), environment };
    })
    .filter((fn) => fn.name !== 'custom-resources');
};

/** The files of a zip archive (stored or deflated entries, as the packager writes them). */
export const zipEntries = (zip: Buffer): { name: string; content: Buffer }[] => {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a zip archive: no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: { name: string; content: Buffer }[] = [];
  for (let i = 0; i < count; i += 1) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(dataAt, dataAt + size);
    entries.push({ name, content: method === 0 ? Buffer.from(raw) : inflateRawSync(raw) });
    at += 46 + skip;
  }
  return entries;
};

/** Unzips a function's bundle into a fresh folder (as Lambda does into /var/task) and returns the folder. */
export const unpack = (fn: PackagedFunction): string => {
  const dir = mkdtempSync(join(tmpdir(), `bundle-${fn.name}-`));
  for (const entry of zipEntries(readFileSync(fn.zipPath))) {
    if (entry.name.endsWith('/')) continue;
    mkdirSync(dirname(join(dir, entry.name)), { recursive: true });
    writeFileSync(join(dir, entry.name), entry.content);
  }
  return dir;
};

/** The handler's module file and export name. */
export const handlerParts = (handler: string): { file: string; exportName: string } => {
  const dot = handler.lastIndexOf('.');
  return { file: `${handler.slice(0, dot)}.js`, exportName: handler.slice(dot + 1) };
};

/** The environment Lambda gives a function: its own variables plus the runtime's, with dummy credentials. */
export const lambdaEnvironment = (fn: PackagedFunction, taskRoot: string): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  AWS_REGION: 'eu-west-1',
  AWS_DEFAULT_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'bundle-check',
  AWS_SECRET_ACCESS_KEY: 'bundle-check',
  AWS_LAMBDA_FUNCTION_NAME: fn.name,
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
  LAMBDA_TASK_ROOT: taskRoot,
  // Layers are not here: a file that exists stands in for a layer's binary (/opt/bin/ffmpeg), whose presence the
  // functions check at load.
  ...Object.fromEntries(Object.entries(fn.environment).map(([key, value]) => [key, value.startsWith('/opt/') ? process.execPath : value])),
});
