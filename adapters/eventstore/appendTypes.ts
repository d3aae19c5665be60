import type { EventEnvelope } from '../../events/envelope';
import type { ExpectedVersion } from './expectedVersion';

/** An event about to be appended: the store gives it its stream, version and the command's id. */
export type ProposedEvent = Omit<EventEnvelope, 'streamId' | 'version' | 'commandId'>;

export interface StreamAppend {
  readonly streamId: string;
  readonly expectedVersion: ExpectedVersion;
  readonly events: readonly ProposedEvent[];
}

export interface AppendOptions {
  /** Every event of the append carries it; a retried command is recognised by it. */
  readonly commandId: string;
  /**
   * Set when the caller has itself read the stream up to the expected version (the command handler has, just
   * before deciding). Events are never deleted, so that version is known to exist and the store does not
   * check it again. Leave it unset when the expected version came from elsewhere (an If-Match header).
   */
  readonly expectedVersionRead?: boolean;
}

export interface AppendResult {
  readonly streamId: string;
  /** The stored events: on a recognised retry, the ones the first attempt appended. */
  readonly events: readonly EventEnvelope[];
  /** The stream's version after these events: the expected version for the next append. */
  readonly nextExpectedVersion: number;
  /**
   * True when this command had already been appended and nothing new was written. A resend of an identical
   * transaction within 10 minutes is answered by DynamoDB's ClientRequestToken as a plain success: then the
   * events are right (the same request) but this flag says false.
   */
  readonly alreadyAppended: boolean;
}
