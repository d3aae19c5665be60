import type { EventBridgeEvent, RuleTarget } from './types';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Delay before the second attempt; each later one doubles it. */
  firstDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { attempts: 3, firstDelayMs: 100 };

export interface DeliveryJob {
  target: RuleTarget;
  payload: unknown;
  event: EventBridgeEvent;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs deliveries after the caller has its PutEvents answer, as AWS does, retrying with exponential backoff.
 * This runs in-process: a delivery in flight when the process exits is lost, unlike on AWS.
 */
export const createDeliveryQueue = (options: {
  deliver(target: RuleTarget, payload: unknown, event: EventBridgeEvent): Promise<void>;
  onDeliveryFailure(target: RuleTarget, event: EventBridgeEvent, error: unknown): void;
  retry: RetryPolicy;
}) => {
  const inFlight = new Set<Promise<void>>();

  const run = async ({ target, payload, event }: DeliveryJob): Promise<void> => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    let lastError: unknown;
    for (let attempt = 1; attempt <= options.retry.attempts; attempt++) {
      try {
        await options.deliver(target, payload, event);
        return;
      } catch (error) {
        lastError = error;
        if (attempt < options.retry.attempts) await sleep(options.retry.firstDelayMs * 2 ** (attempt - 1));
      }
    }
    try {
      options.onDeliveryFailure(target, event, lastError);
    } catch (error) {
      console.error('local EventBridge: onDeliveryFailure threw', error);
    }
  };

  return {
    enqueue(job: DeliveryJob): void {
      const delivery = run(job).finally(() => inFlight.delete(delivery));
      inFlight.add(delivery);
    },
    /** Resolves once every delivery started so far, and any started meanwhile, has settled. */
    async idle(): Promise<void> {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
};
