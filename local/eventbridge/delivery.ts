import type { DeliveryJournal } from './deliveryJournal';
import type { EventBridgeEvent, RuleTarget } from './types';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Delay before the second attempt; each later one doubles it, up to maxDelayMs. */
  firstDelayMs: number;
  maxDelayMs?: number;
}

/** AWS's default retry policy: up to 185 attempts (and 24 hours), with exponential backoff. */
export const defaultRetryPolicy: RetryPolicy = { attempts: 185, firstDelayMs: 100, maxDelayMs: 60_000 };
export const defaultMaxConcurrentDeliveries = 64;

export interface DeliveryJob {
  target: RuleTarget;
  payload: unknown;
  event: EventBridgeEvent;
  /** Its line in the delivery journal, once written down there. */
  journalId?: string;
}


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
  // Once closed (the process is stopping), no delivery starts and retries stop waiting: the journal still owes them.
  let closed = false;
  let sleepers = new Set<() => void>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      sleepers.add(wake);
    });
  const delayBefore = (attemptNumber: number) => Math.min(options.retry.firstDelayMs * 2 ** (attemptNumber - 1), options.retry.maxDelayMs ?? Number.POSITIVE_INFINITY);

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
        if (attemptNumber < options.retry.attempts) await sleep(delayBefore(attemptNumber));
        if (closed) return;
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
    if (active > 0 || (next < pending.length && !closed)) return;
    pending = [];
    next = 0;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  const pump = (): void => {
    pumpScheduled = false;
    while (!closed && active < options.maxConcurrent && next < pending.length) {
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
    /** Stops starting deliveries and ends retry waits; resolves once the deliveries in flight have finished. */
    close(): Promise<void> {
      closed = true;
      const waiting = sleepers;
      sleepers = new Set();
      for (const wake of waiting) wake();
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        settleIfIdle();
      });
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
