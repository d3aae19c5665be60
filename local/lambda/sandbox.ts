import { Worker } from 'node:worker_threads';
import { LambdaFunctionError, LambdaRuntimeStoppedError, LambdaTimeoutError } from './errors';
import { workerMessageSchema, type InvokeRequest, type WorkerMessage, type WorkerSetup } from './protocol';

/** Lambda gives a cold start 10 s to initialize; a big handler on a busy laptop needs more slack. */
const initLimitMs = 30_000;

/** What a sandbox runs: the bundled worker (local/lambda/worker.ts) and the function's bundled handler. */
export interface SandboxCode {
  readonly workerFile: string;
  readonly handlerFile: string;
}

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * One warm execution environment: a worker thread with the function's own env and module state. It runs one
 * invocation at a time; a timeout or a crash terminates it for good.
 */
export class Sandbox {
  readonly ready: Promise<void>;
  private worker: Worker | null = null;
  private pending: Pending | null = null;
  private dead = false;
  /** What the worker threw, if it did: an init it ended says so rather than only that the worker exited. */
  private crash: LambdaFunctionError | null = null;
  private killed = false;

  /**
   * `turn` comes with the sandbox's code once built, and is its place in the runtime's InitGate: the worker starts, and
   * the init limit runs, once it comes.
   */
  constructor(
    private readonly setup: WorkerSetup,
    private readonly env: Record<string, string>,
    private readonly timeoutSeconds: number,
    turn: Promise<{ readonly code: SandboxCode; readonly release: () => void }>,
  ) {
    this.ready = turn.then(async ({ code, release }) => {
      try {
        if (this.dead) throw new LambdaRuntimeStoppedError(setup.functionName);
        await this.init(this.startWorker(code));
      } finally {
        release();
      }
    });
    this.ready.catch(() => undefined);
  }

  // The heap is capped at the function's memory size: a handler that would run out of memory on Lambda does here.
  // No --enable-source-maps: it parses each map at load; the worker maps traces lazily (lazySourceMaps.ts).
  private startWorker(code: SandboxCode): Worker {
    const worker = new Worker(code.workerFile, {
      execArgv: [],
      env: this.env,
      workerData: { ...this.setup, handlerFile: code.handlerFile } satisfies WorkerSetup,
      resourceLimits: { maxOldGenerationSizeMb: this.setup.memorySize },
    });
    this.worker = worker;
    worker.on('message', (raw: unknown) => this.onMessage(workerMessageSchema.parse(raw)));
    worker.on('error', (error: Error & { code?: string }) => {
      const errorType = error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'Runtime.OutOfMemory' : error.name;
      this.crash = new LambdaFunctionError(this.setup.functionName, errorType, error.message, error.stack?.split('\n') ?? []);
      this.fail(this.crash);
    });
    worker.on('exit', () => {
      this.dead = true;
      this.fail(new LambdaFunctionError(this.setup.functionName, 'Runtime.ExitError', 'The function exited before answering'));
    });
    return worker;
  }

  private init(worker: Worker): Promise<void> {
    const { functionName } = this.setup;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        void this.kill();
        reject(new LambdaFunctionError(functionName, 'Runtime.InitTimeout', `Init did not finish within ${initLimitMs / 1000} seconds`));
      }, initLimitMs);
      const onInit = (message: WorkerMessage): void => {
        if (message.kind === 'ready') resolve();
        else if (message.kind === 'error' && message.awsRequestId === null) reject(this.functionError(message));
        else return;
        clearTimeout(timer);
        worker.off('message', onInitRaw);
      };
      const onInitRaw = (raw: unknown): void => onInit(workerMessageSchema.parse(raw));
      worker.on('message', onInitRaw);
      worker.once('exit', () => {
        clearTimeout(timer);
        reject(this.crash ?? new LambdaFunctionError(functionName, 'Runtime.ExitError', `The worker exited during init${this.killed ? ': the runtime stopped it' : ''}`));
      });
    });
  }

  get alive(): boolean {
    return !this.dead;
  }

  invoke(request: Omit<InvokeRequest, 'kind'>): Promise<unknown> {
    if (this.dead || this.worker === null) return Promise.reject(new LambdaRuntimeStoppedError(this.setup.functionName));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending = null;
        void this.kill();
        reject(new LambdaTimeoutError(this.setup.functionName, this.timeoutSeconds));
      }, this.timeoutSeconds * 1000);
      this.pending = { resolve, reject, timer };
      this.worker?.postMessage({ kind: 'invoke', ...request } satisfies InvokeRequest);
    });
  }

  kill(): Promise<void> {
    this.dead = true;
    this.killed = true;
    return this.worker === null ? Promise.resolve() : this.worker.terminate().then(() => undefined);
  }

  /** Ends the sandbox for good, failing a running invocation as stopped rather than crashed. */
  stop(): Promise<void> {
    this.fail(new LambdaRuntimeStoppedError(this.setup.functionName));
    return this.kill();
  }

  private functionError(message: Extract<WorkerMessage, { kind: 'error' }>): LambdaFunctionError {
    return new LambdaFunctionError(this.setup.functionName, message.errorType, message.errorMessage, message.trace);
  }

  private onMessage(message: WorkerMessage): void {
    if (message.kind === 'ready') return;
    if (message.kind === 'error' && message.fatal) void this.kill();
    if (message.kind === 'error' && message.awsRequestId === null) return;
    const pending = this.pending;
    if (pending === null) return;
    this.pending = null;
    clearTimeout(pending.timer);
    if (message.kind === 'result') pending.resolve(JSON.parse(message.resultJson) as unknown);
    else pending.reject(this.functionError(message));
  }

  private fail(error: Error): void {
    const pending = this.pending;
    if (pending === null) return;
    this.pending = null;
    clearTimeout(pending.timer);
    pending.reject(error);
  }
}
