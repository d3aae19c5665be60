import { randomUUID } from 'node:crypto';
import { z } from 'zod';
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

  mint(executionArn: string): string {
    return encodeToken({ executionArn, nonce: randomUUID() });
  }

  await(token: string, target: CallbackTarget): void {
    this.waiting.set(token, target);
  }

  release(token: string): void {
    if (this.waiting.delete(token)) this.spent.add(token);
  }

  succeed(token: string, output: Json): void {
    this.targetOf(token).succeed(output);
  }

  fail(token: string, error: string, cause: string): void {
    this.targetOf(token).fail(error, cause);
  }

  heartbeat(token: string): void {
    this.targetOf(token).heartbeat();
  }

  private targetOf(token: string): CallbackTarget {
    const target = this.waiting.get(token);
    if (target) return target;
    if (this.spent.has(token)) {
      throw new StepFunctionsApiError('TaskTimedOut', 'Task Timed Out: Provided task does not exist anymore');
    }
    if (!decodeToken(token)) throw new StepFunctionsApiError('InvalidToken', 'Invalid Token: the task token is malformed');
    throw new StepFunctionsApiError('TaskDoesNotExist', 'Task does not exist: no task was issued this token (was the local service restarted?)');
  }
}
