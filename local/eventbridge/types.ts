/**
 * The event as EventBridge delivers it to targets and as TestEventPattern receives it. A type alias (not an
 * interface) so it stays assignable to the plain JSON records the matcher walks.
 */
export type EventBridgeEvent = {
  version: string;
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
  [field: string]: unknown;
};

/** One PutEvents entry, as the AWS SDK sends it (`Time` arrives as epoch seconds on the wire). */
export interface PutEventsRequestEntry {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  Resources?: string[];
  Time?: Date | string | number;
  EventBusName?: string;
  TraceHeader?: string;
}

export type PutEventsResultEntry = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

export interface PutEventsResponse {
  FailedEntryCount: number;
  Entries: PutEventsResultEntry[];
}

export interface RuleTarget {
  id: string;
  arn: string;
  input?: string;
  inputPath?: string;
  inputTransformer?: { inputPathsMap?: Record<string, string>; inputTemplate: string };
}

export interface LocalRule {
  name: string;
  eventBusName: string;
  eventPattern: unknown;
  state?: 'ENABLED' | 'DISABLED';
  targets: RuleTarget[];
  description?: string;
}
