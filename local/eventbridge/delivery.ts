import type { DeliveryJournal } from './deliveryJournal';
import type { EventBridgeEvent, RuleTarget } from './types';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Delay before the second attempt; each later one doubles it. */
  firstDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { attempts: 3, firstDelayMs: 100 };
export const defaultMaxConcurrentDeliveries = 64;

export interface DeliveryJob {
  target: RuleTarget;
  payload: unknown;
  event: EventBridgeEvent;
  /** Its line in the delivery journal, once written down there. */
  journalId?: string;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs deliveries after the caller has its PutEvents answer, as AWS does: FIFO, at most
 * `maxConcurrent` at once (a burst of puts queues plain records, not a promise per delivery), each retried
 * with exponential backoff. This runs in-process: with a journal, what is still owed when the process dies is
 * delivered by the next start (deliveryJournal.ts); without one it is lost, unlike on AWS.
 */
export const createDeliveryQueue = (options: {
  deliver(target: RuleTarget, payload: unknown, event: EventBridgeEvent): Promise<void>;
  onDeliveryFailure(target: RuleTarget, event: EventBridgeEvent, error: unknown): void;
  retry: RetryPolicy;
  maxConcurrent: number;
  journal?: DeliveryJournal;
}) => {
  let pending: (DeliveryJob | undefined)[] = [];
  let next = 0;
  let active = 0;
  let pumpScheduled = false;
  let idleWaiters: (() => void)[] = [];

  const settle = (job: DeliveryJob): void => {
    if (job.journalId !== undefined) options.journal?.settle(job.journalId);
  };

  const attempt = async (job: DeliveryJob): Promise<void> => {
    const { target, payload, event } = job;
    let lastError: unknown;
    for (let attemptNumber = 1; attemptNumber <= options.retry.attempts; attemptNumber++) {
      try {
        await options.deliver(target, payload, event);
        settle(job);
        return;
      } catch (error) {
        lastError = error;
        if (attemptNumber < options.retry.attempts) await sleep(options.retry.firstDelayMs * 2 ** (attemptNumber - 1));
      }
    }
    try {
      options.onDeliveryFailure(target, event, lastError);
    } catch (error) {
      console.error('local EventBridge: onDeliveryFailure threw', error);
    }
    settle(job);
  };

  const settleIfIdle = (): void => {
    if (active > 0 || next < pending.length) return;
    pending = [];
    next = 0;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  const pump = (): void => {
    pumpScheduled = false;
    while (active < options.maxConcurrent && next < pending.length) {
      const job = pending[next];
      pending[next++] = undefined;
      if (job === undefined) continue;
      active++;
      void attempt(job).finally(() => {
        active--;
        pump();
      });
    }
    if (next > 4096 && next * 2 > pending.length) {
      pending = pending.slice(next);
      next = 0;
    }
    settleIfIdle();
  };

  return {
    enqueue(job: DeliveryJob): void {
      const journalId = job.journalId ?? options.journal?.record(job);
      pending.push(journalId === undefined ? job : { ...job, journalId });
      if (!pumpScheduled) {
        pumpScheduled = true;
        // setImmediate, not a microtask: the PutEvents caller gets its answer before any target runs.
        setImmediate(pump);
      }
    },
    /** Resolves once every delivery queued so far, and any queued meanwhile, has settled. */
    idle(): Promise<void> {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        if (!pumpScheduled) settleIfIdle();
      });
    },
  };
};
