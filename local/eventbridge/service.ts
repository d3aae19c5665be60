import { randomUUID } from 'node:crypto';
import { createDeliveryQueue, defaultMaxConcurrentDeliveries, defaultRetryPolicy, type RetryPolicy } from './delivery';
import type { DeliveryJournal } from './deliveryJournal';
import { EventBridgeApiError } from './errors';
import { runOperation } from './operations';
import { buildEvent, checkEntry, checkRequest } from './putEventsEntries';
import { createRegistry } from './registry';
import { targetPayload } from './targetInput';
import type { EventBridgeEvent, LocalRule, PutEventsRequestEntry, PutEventsResponse, PutEventsResultEntry, RuleTarget } from './types';

export interface EventBridgeServiceOptions {
  region: string;
  accountId: string;
  /** Custom buses; `default` always exists. */
  buses: string[];
  rules: LocalRule[];
  /** Invokes the function / starts the state machine a target names. A rejection is retried. */
  deliver(target: RuleTarget, payload: unknown, event: EventBridgeEvent): Promise<void>;
  /** Called once the retries for one target are exhausted; defaults to logging on stderr. */
  onDeliveryFailure?(target: RuleTarget, event: EventBridgeEvent, error: unknown): void;
  /**
   * Called for an accepted event whose bus does not exist. AWS accepts such entries with an EventId and drops
   * them silently; locally that hides a misconfiguration, so the default logs a warning.
   */
  onUnknownBus?(eventBusName: string, event: EventBridgeEvent): void;
  retry?: Partial<RetryPolicy>;
  /** Deliveries running at once (a local stand-in for Lambda's concurrency limit); default 64. */
  maxConcurrentDeliveries?: number;
  now?: () => Date;
  newId?: () => string;
  /** Keeps owed deliveries across a crash: what it owed at open is delivered by deliverOwed(). */
  journal?: DeliveryJournal;
}

export interface EventBridgeService {
  /** PutEvents in-process; throws EventBridgeValidationError where AWS fails the whole request. */
  putEvents(entries: PutEventsRequestEntry[]): Promise<PutEventsResponse>;
  /** One AWS JSON protocol operation; errors come back as `{ __type, message }` bodies, as AWS sends them. */
  handle(operation: string, body: unknown): Promise<{ status: number; body: unknown }>;
  /** Resolves when every delivery started so far has settled (tests and graceful shutdown use it). */
  idle(): Promise<void>;
  /** Delivers what the journal still owed from the last run; called once every target can be reached. */
  deliverOwed(): number;
  /** Stopping: lets the deliveries in flight finish; what is queued or waiting to retry stays owed in the journal. */
  close(): Promise<void>;
}

/**
 * A local EventBridge: buses and rules fixed at creation (from serverless.yml), AWS's pattern semantics,
 * asynchronous delivery with retries.
 * @throws EventBridgeConfigError when a rule is malformed, has a pattern AWS would refuse, or names an undeclared bus.
 */
export const createEventBridgeService = (options: EventBridgeServiceOptions): EventBridgeService => {
  const registry = createRegistry(options);
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? randomUUID;
  const onUnknownBus =
    options.onUnknownBus ??
    ((busName: string) => console.warn(`local EventBridge: event sent to bus "${busName}", which does not exist; AWS drops it silently.`));
  const deliveries = createDeliveryQueue({
    deliver: options.deliver,
    onDeliveryFailure:
      options.onDeliveryFailure ??
      ((target, event, error) =>
        console.error(`local EventBridge: delivery of event ${event.id} to ${target.arn} failed after retries`, error)),
    retry: { ...defaultRetryPolicy, ...options.retry },
    maxConcurrent: options.maxConcurrentDeliveries ?? defaultMaxConcurrentDeliveries,
    ...(options.journal === undefined ? {} : { journal: options.journal }),
  });

  const route = (event: EventBridgeEvent, busNameOrArn: string | undefined): void => {
    const bus = registry.busNamed(busNameOrArn);
    if (bus === undefined) {
      onUnknownBus(busNameOrArn ?? 'default', event);
      return;
    }
    const ingestionTime = now().toISOString();
    for (const rule of registry.rules) {
      if (rule.busName !== bus.name || rule.state !== 'ENABLED' || !rule.matches(event)) continue;
      const context = { ruleName: rule.name, ruleArn: rule.arn, ingestionTime };
      for (const target of rule.targets) {
        // Each target gets its own copy, as on AWS: an in-process handler that mutates its event must not
        // change what the next target receives.
        const copy = structuredClone(event);
        deliveries.enqueue({ target, payload: targetPayload(target, copy, context), event: copy });
      }
    }
  };

  const putEvents = async (entries: PutEventsRequestEntry[]): Promise<PutEventsResponse> => {
    checkRequest(entries);
    const results = entries.map((entry): PutEventsResultEntry => {
      const checked = checkEntry(entry);
      if (!('detail' in checked)) return checked;
      const event = buildEvent(entry, checked.detail, { id: newId(), now: now(), account: registry.accountId, region: registry.region });
      route(event, entry.EventBusName);
      return { EventId: event.id };
    });
    return { FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length, Entries: results };
  };

  const handle = async (operation: string, body: unknown) => {
    try {
      return { status: 200, body: await runOperation(registry, putEvents, operation, body) };
    } catch (error) {
      if (error instanceof EventBridgeApiError) {
        return { status: error.httpStatus, body: { __type: error.awsErrorCode, message: error.message } };
      }
      const message = error instanceof Error ? error.message : String(error);
      return { status: 500, body: { __type: 'InternalException', message: `Local EventBridge failed: ${message}` } };
    }
  };

  const deliverOwed = (): number => {
    const owed = options.journal?.owed ?? [];
    for (const job of owed) deliveries.enqueue(job);
    return owed.length;
  };

  return { putEvents, handle, idle: deliveries.idle, deliverOwed, close: deliveries.close };
};
