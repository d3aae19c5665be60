import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadServerlessConfig } from '../config';
import {
  createLambdaRuntime,
  LambdaFunctionError,
  LambdaRuntimeStoppedError,
  LambdaTimeoutError,
  UnknownFunctionError,
  type LambdaRuntime,
  type RunnableFunction,
} from './index';

const fixture = (file: string, exportName: string, overrides: Partial<RunnableFunction> & Pick<RunnableFunction, 'key'>): RunnableFunction => ({
  name: `fixture-test-${overrides.key}`,
  handler: { file: join(__dirname, 'fixtures', file), export: exportName },
  environment: {},
  timeoutSeconds: 10,
  memorySize: 128,
  ...overrides,
});

const rejectionOf = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => new Error('expected the invoke to fail'),
    (error: unknown) => error,
  );

describe('the local Lambda runtime', () => {
  let lambda: LambdaRuntime;
  const errorLog: string[] = [];

  beforeAll(() => {
    lambda = createLambdaRuntime({
      baseEnv: { SHARED: 'from-base', GREETING: 'base-greeting' },
      region: 'eu-west-1',
      errorLog: (text) => errorLog.push(text),
      functions: [
        fixture('envReader.ts', 'handler', { key: 'english', environment: { GREETING: 'hello' } }),
        fixture('envReader.ts', 'handler', { key: 'french', environment: { GREETING: 'bonjour' } }),
        fixture('sleeper.ts', 'handler', { key: 'sleeper', timeoutSeconds: 1 }),
        fixture('sleeper.ts', 'busy', { key: 'busy', timeoutSeconds: 1 }),
        fixture('sleeper.ts', 'barrier', { key: 'parallel', timeoutSeconds: 30 }),
        fixture('failures.ts', 'throwsNamed', { key: 'throwsNamed' }),
        fixture('failures.ts', 'throwsString', { key: 'throwsString' }),
        fixture('failures.ts', 'returnsUndefined', { key: 'returnsUndefined' }),
        fixture('failures.ts', 'returnsDate', { key: 'returnsDate' }),
        fixture('failures.ts', 'callbackStyle', { key: 'callbackStyle' }),
        fixture('failures.ts', 'notAFunction', { key: 'notAFunction' }),
        fixture('missing.ts', 'handler', { key: 'missingFile' }),
        fixture('failures.ts', 'hoardsMemory', { key: 'hoardsMemory', memorySize: 64 }),
        fixture('traced.ts', 'handler', { key: 'traced' }),
      ],
    });
  });
  afterAll(() => lambda.stop());

  it('gives each function its own process.env, read at module load, that another function cannot see or change', async () => {
    const english = await lambda.invoke('english', { touch: 'changed-by-english' });
    const french = await lambda.invoke('fixture-test-french', {});
    expect(english).toMatchObject({ greetingAtLoad: 'hello', greetingNow: 'changed-by-english', shared: 'from-base', lambdaName: 'fixture-test-english' });
    expect(french).toMatchObject({ greetingAtLoad: 'bonjour', greetingNow: 'bonjour', shared: 'from-base', lambdaName: 'fixture-test-french' });
    expect(process.env.GREETING).toBeUndefined();
  });

  it('passes a Lambda context and reuses the warm worker, module state included', async () => {
    const first = await lambda.invoke('french', {}, { awsRequestId: 'request-1' });
    const second = await lambda.invoke('french', {});
    expect(first).toMatchObject({
      functionName: 'fixture-test-french',
      awsRequestId: 'request-1',
      invokedFunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:fixture-test-french',
    });
    const remaining = (first as { remainingMs: number }).remainingMs;
    expect(remaining).toBeGreaterThan(8_000);
    expect(remaining).toBeLessThanOrEqual(10_000);
    const [a, b] = [first, second] as { loadId: string; invocations: number; awsRequestId: string }[];
    expect(b?.loadId).toBe(a?.loadId);
    expect(b?.invocations).toBe((a?.invocations ?? 0) + 1);
    expect(b?.awsRequestId).not.toBe('request-1');
  });

  it('runs concurrent invokes of one function in separate workers, one invocation each', async () => {
    // All three meet at a barrier: they were running at the same moment (serial invokes could never all meet).
    const dir = mkdtempSync(join(tmpdir(), 'lambda-barrier-'));
    const results = (await Promise.all([1, 2, 3].map(() => lambda.invoke('parallel', { dir, parties: 3, timeoutMs: 20_000 })))) as { loadId: string; met: boolean }[];
    rmSync(dir, { recursive: true, force: true });
    expect(new Set(results.map((result) => result.loadId)).size).toBe(3);
    expect(results.map((result) => result.met)).toEqual([true, true, true]);
  });

  it('queues invokes beyond the concurrency cap instead of sharing a worker', async () => {
    const capped = createLambdaRuntime({ functions: [fixture('sleeper.ts', 'handler', { key: 'capped' })], maxConcurrencyPerFunction: 1 });
    try {
      const results = (await Promise.all([1, 2].map(() => capped.invoke('capped', { ms: 300 })))) as { loadId: string; finishedAt: number }[];
      const [a, b] = results;
      expect(a?.loadId).toBe(b?.loadId);
      expect(Math.abs((b?.finishedAt ?? 0) - (a?.finishedAt ?? 0))).toBeGreaterThanOrEqual(290);
    } finally {
      await capped.stop();
    }
  });

  it('times out like Lambda, terminating even a busy loop, and serves the next invoke from a fresh worker', async () => {
    const warm = (await lambda.invoke('busy', { ms: 1 })) as { loadId: string };
    const started = Date.now();
    const error = await rejectionOf(lambda.invoke('busy', { ms: 60_000 }));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error).toBeInstanceOf(LambdaTimeoutError);
    expect(error).toMatchObject({ errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out after 1.00 seconds' });
    const fresh = (await lambda.invoke('busy', { ms: 1 })) as { loadId: string };
    expect(fresh.loadId).not.toBe(warm.loadId);
  });

  it('maps a thrown error to errorType and errorMessage, and keeps the worker warm', async () => {
    const error = await rejectionOf(lambda.invoke('throwsNamed', { showId: 'show-1' }));
    expect(error).toBeInstanceOf(LambdaFunctionError);
    expect(error).toMatchObject({ errorType: 'ShowNotFoundError', errorMessage: 'Show show-1 does not exist' });
    expect((error as LambdaFunctionError).trace.join('\n')).toContain('failures.ts');
    expect(await rejectionOf(lambda.invoke('throwsString', {}))).toMatchObject({ errorType: 'string', errorMessage: 'plain text failure' });
  });

  it('writes a failed invocation\'s error and stack to the error log, every line under the function\'s name', async () => {
    errorLog.length = 0;
    await rejectionOf(lambda.invoke('throwsNamed', { showId: 'show-2' }));
    const lines = errorLog.join('').trimEnd().split('\n');
    expect(lines[0]).toBe('[lambda fixture-test-throwsNamed] ShowNotFoundError: Show show-2 does not exist');
    expect(lines.slice(1).some((line) => line.includes('failures.ts'))).toBe(true);
    expect(lines.every((line) => line.startsWith('[lambda fixture-test-throwsNamed] '))).toBe(true);
    await lambda.invoke('returnsUndefined', {});
    expect(errorLog).toHaveLength(1);
  });

  it('returns what Lambda would serialize: undefined as null, dates as strings, callback results', async () => {
    expect(await lambda.invoke('returnsUndefined', {})).toBeNull();
    expect(await lambda.invoke('returnsDate', {})).toEqual({ at: '1970-01-01T00:00:00.000Z' });
    expect(await lambda.invoke('callbackStyle', { value: 21 })).toEqual({ doubled: 42 });
  });

  it('stops a function that outgrows its memory size, and gives the next invoke a fresh worker', async () => {
    expect(await rejectionOf(lambda.invoke('hoardsMemory', {}))).toMatchObject({ errorType: 'Runtime.OutOfMemory' });
    expect(await rejectionOf(lambda.invoke('hoardsMemory', {}))).toMatchObject({ errorType: 'Runtime.OutOfMemory' });
  });

  it('reports init failures as Lambda does: missing export, missing file, unknown function', async () => {
    expect(await rejectionOf(lambda.invoke('notAFunction', {}))).toMatchObject({ errorType: 'Runtime.HandlerNotFound' });
    expect(await rejectionOf(lambda.invoke('missingFile', {}))).toBeInstanceOf(LambdaFunctionError);
    expect(await rejectionOf(lambda.invoke('nobody', {}))).toBeInstanceOf(UnknownFunctionError);
  });

  it('fails invocations in flight as stopped when the runtime stops, and refuses new ones', async () => {
    const stopping = createLambdaRuntime({ functions: [fixture('sleeper.ts', 'handler', { key: 'stopping' })] });
    await stopping.invoke('stopping', { ms: 1 });
    const inFlight = rejectionOf(stopping.invoke('stopping', { ms: 5_000 }));
    await stopping.stop();
    expect(await inFlight).toBeInstanceOf(LambdaRuntimeStoppedError);
    expect(await rejectionOf(stopping.invoke('stopping', { ms: 1 }))).toBeInstanceOf(LambdaRuntimeStoppedError);
  });

  it('gives every invocation its own X-Ray trace header, so Powertools Tracer works as under active tracing', async () => {
    const first = (await lambda.invoke('fixture-test-traced', {})) as Record<string, unknown>;
    const second = (await lambda.invoke('fixture-test-traced', {})) as Record<string, unknown>;
    expect(first.tracingEnabled).toBe(true);
    expect(first.traceId).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    // The segment the X-Ray SDK built for the invocation carries the header's trace id.
    expect(first.segmentTraceId).toBe(first.traceId);
    expect(second.traceId).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(second.traceId).not.toBe(first.traceId);
  });

  it("serves the project's real health handler from serverless.yml, ESM-only middy included", async () => {
    const service = await loadServerlessConfig({ serviceDir: join(__dirname, '..', '..') });
    const real = createLambdaRuntime({ functions: service.functions });
    try {
      // Only that it loads and answers as an HTTP handler: what /health reports belongs to functions/health.
      const result = (await real.invoke('health', {})) as { statusCode: unknown; body: string };
      expect(typeof result.statusCode).toBe('number');
      expect(JSON.parse(result.body)).toHaveProperty('status');
    } finally {
      await real.stop();
    }
  });
});
