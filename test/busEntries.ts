import type { LocalCloud } from '../local/cloud';

export interface BusEntry {
  readonly detailType: string;
  readonly detail: unknown;
}

/**
 * Observes (does not replace) the local EventBridge: each entry a PutEvents request carries whose detail-type
 * `matches` is pushed to `into`, its Detail parsed, before the bus handles the request as usual.
 */
export const observePutEvents = (cloud: LocalCloud, matches: (detailType: string) => boolean, into: BusEntry[]): void => {
  const bus = cloud.eventBridge;
  const handle = bus.handle.bind(bus);
  bus.handle = async (operation, body) => {
    if (operation === 'PutEvents') {
      for (const entry of (body as { Entries?: { DetailType?: string; Detail?: string }[] }).Entries ?? []) {
        if (entry.DetailType !== undefined && matches(entry.DetailType)) into.push({ detailType: entry.DetailType, detail: JSON.parse(entry.Detail ?? '{}') as unknown });
      }
    }
    return handle(operation, body);
  };
};
