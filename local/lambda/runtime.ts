import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { createBundler, type Bundler } from './bundles';
import { LambdaFunctionError, LambdaRuntimeStoppedError, UnknownFunctionError } from './errors';
import { InitGate } from './initGate';
import { Sandbox, type SandboxCode } from './sandbox';

/** The sandbox's own code, bundled like the handlers it loads. */
const workerSource = join(__dirname, 'worker.ts');

/** What the runtime needs of a function: the fields of local/config's LocalFunction. */
export interface RunnableFunction {
  readonly key: string;
  readonly name: string;
  readonly handler: { readonly file: string; readonly export: string };
  readonly environment: Readonly<Record<string, string>>;
  readonly timeoutSeconds: number;
  readonly memorySize: number;
}

export interface LambdaRuntimeOptions {
  readonly functions: readonly RunnableFunction[];
  /** Shared by every function, under its own environment: local endpoints, credentials, region. */
  readonly baseEnv?: Readonly<Record<string, string | undefined>>;
  readonly region?: string;
  readonly accountId?: string;
  /** Warm workers per function at most; further concurrent invokes wait their turn. */
  readonly maxConcurrencyPerFunction?: number;
  /** Sandboxes initializing at once across all functions (default: this machine's cores); the rest wait their turn. */
  readonly maxConcurrentInits?: number;
  /** Where handler bundles are kept between runs (default: .local/bundles under the current directory). */
  readonly bundleDir?: string;
  /**
   * Where a failed invocation's error and stack go (default: this process's stderr), one line each, prefixed with
   * the function's name: on AWS they would be in the function's log group; locally, a 500 or a failed task needs them
   * next to the test output.
   */
  readonly errorLog?: (text: string) => void;
}

export interface InvokeOptions {
  readonly awsRequestId?: string;
}

export interface LambdaRuntime {
  /** Runs the function (by serverless.yml key or deployed name) as a RequestResponse invocation. */
  invoke(functionKeyOrName: string, event: unknown, options?: InvokeOptions): Promise<unknown>;
  stop(): Promise<void>;
}

const definedOnly = (env: Readonly<Record<string, string | undefined>>): Record<string, string> =>
  Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));

/** The variables Lambda itself sets in every execution environment. */
const reservedEnvironment = (fn: RunnableFunction, region: string): Record<string, string> => ({
  AWS_REGION: region,
  AWS_DEFAULT_REGION: region,
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
  AWS_LAMBDA_FUNCTION_NAME: fn.name,
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySize),
  AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
  AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.name}`,
  AWS_LAMBDA_LOG_STREAM_NAME: `local/[$LATEST]${randomUUID().replace(/-/g, '')}`,
  // The X-Ray SDK reads these to build each invocation's segment as on Lambda with active tracing; segments go
  // to a daemon address nothing listens on locally (UDP: dropped, never an error).
  LAMBDA_TASK_ROOT: process.cwd(),
  AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
  AWS_XRAY_DAEMON_ADDRESS: '127.0.0.1:2000',
});

/** `[lambda <name>] errorType: message`, then the stack, each line under the same prefix so it greps as one. */
export const functionErrorLines = (functionName: string, error: LambdaFunctionError): string => {
  const trace = error.trace.filter((line, index) => !(index === 0 && line.includes(error.errorMessage)));
  return `${[`${error.errorType}: ${error.errorMessage}`, ...trace].map((line) => `[lambda ${functionName}] ${line}`).join('\n')}\n`;
};

class FunctionPool {
  private readonly sandboxes: Sandbox[] = [];
  private readonly idle: Sandbox[] = [];
  private readonly waiting: ((sandbox: Sandbox | null) => void)[] = [];
  private stopped = false;

  constructor(
    private readonly fn: RunnableFunction,
    private readonly options: Required<Omit<LambdaRuntimeOptions, 'functions' | 'maxConcurrentInits' | 'bundleDir'>>,
    private readonly initGate: InitGate,
    private readonly bundler: Bundler,
  ) {}

  async invoke(event: unknown, invokeOptions: InvokeOptions): Promise<unknown> {
    const eventJson = JSON.stringify(event) ?? 'null';
    const sandbox = await this.acquire();
    try {
      await sandbox.ready;
      const awsRequestId = invokeOptions.awsRequestId ?? randomUUID();
      return await sandbox.invoke({ awsRequestId, eventJson, deadlineMs: Date.now() + this.fn.timeoutSeconds * 1000 });
    } catch (error) {
      if (error instanceof LambdaFunctionError) this.options.errorLog(functionErrorLines(this.fn.name, error));
      throw error;
    } finally {
      this.release(sandbox);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const waiter of this.waiting.splice(0)) waiter(null);
    await Promise.all(this.sandboxes.map((sandbox) => sandbox.stop()));
  }

  private async acquire(): Promise<Sandbox> {
    if (this.stopped) throw new LambdaRuntimeStoppedError(this.fn.name);
    const warm = this.idle.pop();
    if (warm !== undefined) return warm;
    if (this.sandboxes.length < this.options.maxConcurrencyPerFunction) return this.start();
    const next = await new Promise<Sandbox | null>((resolve) => this.waiting.push(resolve));
    if (next === null) throw new LambdaRuntimeStoppedError(this.fn.name);
    return next;
  }

  private start(): Sandbox {
    const sandbox = new Sandbox(
      {
        handlerFile: this.fn.handler.file,
        handlerExport: this.fn.handler.export,
        functionName: this.fn.name,
        memorySize: this.fn.memorySize,
        region: this.options.region,
        accountId: this.options.accountId,
      },
      { ...definedOnly(this.options.baseEnv), ...this.fn.environment, ...reservedEnvironment(this.fn, this.options.region) },
      this.fn.timeoutSeconds,
      this.code().then(async (code) => ({ code, release: await this.initGate.turn() })),
    );
    this.sandboxes.push(sandbox);
    return sandbox;
  }

  // Built before the init's turn: bundling is the deploy's work, not the cold start's. A handler that does not build
  // fails its init as Lambda fails one that does not load.
  private async code(): Promise<SandboxCode> {
    try {
      const [workerFile, handlerFile] = await Promise.all([this.bundler.bundleOf(workerSource), this.bundler.bundleOf(this.fn.handler.file)]);
      return { workerFile, handlerFile };
    } catch (error) {
      throw new LambdaFunctionError(this.fn.name, 'Runtime.UserCodeSyntaxError', error instanceof Error ? error.message : String(error));
    }
  }

  // A dead sandbox (timeout, crash) leaves the pool; a waiter then gets a fresh one, as Lambda re-inits.
  private release(sandbox: Sandbox): void {
    if (!sandbox.alive) this.sandboxes.splice(this.sandboxes.indexOf(sandbox), 1);
    const waiter = this.waiting.shift();
    if (waiter === undefined) {
      if (sandbox.alive) this.idle.push(sandbox);
      return;
    }
    waiter(sandbox.alive ? sandbox : this.stopped ? null : this.start());
  }
}

/**
 * Runs serverless.yml's functions as Lambda does: each in its own worker threads (lazily started, kept warm, one
 * invocation at a time each), from esbuild bundles as deployed (local/lambda/bundles.ts), with its own environment, a
 * Lambda context and its timeout enforced.
 *
 * @example
 * const lambda = createLambdaRuntime({ functions: service.functions, baseEnv: { AWS_ENDPOINT_URL_DYNAMODB: endpoint } });
 * await lambda.invoke('health', {});
 */
export const createLambdaRuntime = (options: LambdaRuntimeOptions): LambdaRuntime => {
  const settings = {
    baseEnv: options.baseEnv ?? {},
    region: options.region ?? options.baseEnv?.AWS_REGION ?? 'us-east-1',
    accountId: options.accountId ?? '000000000000',
    maxConcurrencyPerFunction: options.maxConcurrencyPerFunction ?? 4,
    errorLog: options.errorLog ?? ((text: string) => void process.stderr.write(text)),
  };
  const bundler = createBundler(options.bundleDir);
  const initGate = new InitGate(options.maxConcurrentInits ?? availableParallelism());
  const pools = new Map<string, FunctionPool>();
  for (const fn of options.functions) {
    const pool = new FunctionPool(fn, settings, initGate, bundler);
    pools.set(fn.key, pool);
    pools.set(fn.name, pool);
  }
  return {
    invoke: (functionKeyOrName, event, invokeOptions = {}) => {
      const pool = pools.get(functionKeyOrName);
      if (pool === undefined) return Promise.reject(new UnknownFunctionError(functionKeyOrName, options.functions.map((fn) => fn.key)));
      return pool.invoke(event, invokeOptions);
    },
    stop: async () => {
      await Promise.all([...new Set(pools.values())].map((pool) => pool.stop()));
    },
  };
};
