import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { deferred, type Deferred } from './deferred';
import { StepFunctionsApiError } from './errors';
import type { Json } from './json';

/** What a task waiting for its callback does when SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat arrive. */
export interface CallbackTarget {
  succeed(output: Json): void;
  fail(error: string, cause: string): void;
  heartbeat(): void;
}

const tokenPayload = z.object({ executionArn: z.string(), nonce: z.string() });

const encodeToken = (payload: z.infer<typeof tokenPayload>): string => Buffer.from(JSON.stringify(payload)).toString('base64url');

const decodeToken = (token: string): z.infer<typeof tokenPayload> | undefined => {
  try {
    const parsed = tokenPayload.safeParse(JSON.parse(Buffer.from(token, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Task tokens handed out to `.waitForTaskToken` tasks. A token answers once: afterwards (task done, timed out or its
 * execution stopped) AWS says TaskTimedOut, which is what a late or duplicate callback sees here too.
 */
export class TaskTokenRegistry {
  private readonly waiting = new Map<string, CallbackTarget>();
  private readonly spent = new Set<string>();
  /** Tokens of resumed executions whose task has not yet been reached again: callbacks for them wait for it. */
  private readonly arriving = new Map<string, Deferred<true>>();

  mint(executionArn: string): string {
    return encodeToken({ executionArn, nonce: randomUUID() });
  }

  /** A token issued before a restart, whose task the resumed execution is about to wait on again. */
  expect(token: string): void {
    if (!this.waiting.has(token) && !this.arriving.has(token)) this.arriving.set(token, deferred<true>());
  }

  /** A token issued before a restart whose task has ended: a late callback hears TaskTimedOut, as on AWS. */
  markSpent(token: string): void {
    this.spent.add(token);
  }

  await(token: string, target: CallbackTarget): void {
    this.waiting.set(token, target);
    this.settleArrival(token);
  }

  release(token: string): void {
    if (this.waiting.delete(token) || this.arriving.has(token)) this.spent.add(token);
    this.settleArrival(token);
  }

  async succeed(token: string, output: Json): Promise<void> {
    (await this.targetOf(token)).succeed(output);
  }

  async fail(token: string, error: string, cause: string): Promise<void> {
    (await this.targetOf(token)).fail(error, cause);
  }

  async heartbeat(token: string): Promise<void> {
    (await this.targetOf(token)).heartbeat();
  }

  private settleArrival(token: string): void {
    this.arriving.get(token)?.resolve(true);
    this.arriving.delete(token);
  }

  private async targetOf(token: string): Promise<CallbackTarget> {
    await this.arriving.get(token)?.promise;
    const target = this.waiting.get(token);
    if (target) return target;
    if (this.spent.has(token)) {
      throw new StepFunctionsApiError('TaskTimedOut', 'Task Timed Out: Provided task does not exist anymore');
    }
    if (!decodeToken(token)) throw new StepFunctionsApiError('InvalidToken', 'Invalid Token: the task token is malformed');
    throw new StepFunctionsApiError('TaskDoesNotExist', 'Task does not exist: no task was issued this token (was the local service restarted?)');
  }
}
