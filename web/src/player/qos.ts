import type { QosEvent } from './qosEvent';

type Extra = Omit<QosEvent, 'type' | 'sid' | 'seq' | 'ts' | 'cid'>;

export interface QosReporter {
  readonly sessionId: string;
  report(type: QosEvent['type'], extra?: Extra): void;
  /** Sends what is queued now (the end of playback, leaving the page). */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

export interface QosOptions {
  readonly contentId: string;
  readonly cdn: string;
  send(events: readonly QosEvent[]): Promise<unknown>;
  /** How often queued events go out; a full batch goes at once. */
  readonly periodMs?: number;
  readonly batchSize?: number;
}

/**
 * One playback session's QoS beacon: every event carries the same session id (`sid`, also CMCD's) and a rising `seq`,
 * so a batch the API already has is a duplicate, not a second stall. Events are batched, not sent one by one.
 */
export const createQosReporter = ({ contentId, cdn, send, periodMs = 5000, batchSize = 20 }: QosOptions): QosReporter => {
  const sessionId = crypto.randomUUID();
  let seq = 0;
  let queue: QosEvent[] = [];
  let sending: Promise<unknown> = Promise.resolve();
  const flush = async () => {
    if (queue.length === 0) return sending.then(() => undefined);
    const batch = queue;
    queue = [];
    // One batch at a time, in order; a lost batch is dropped (QoS is best effort, playback goes on).
    sending = sending.then(() => send(batch)).catch(() => undefined);
    await sending;
  };
  const timer = setInterval(() => void flush(), periodMs);
  return {
    sessionId,
    report: (type, extra = {}) => {
      queue.push({ ...extra, type, sid: sessionId, seq: seq++, ts: new Date().toISOString(), cid: contentId, cdn });
      if (queue.length >= batchSize || type === 'end') void flush();
    },
    flush,
    stop: async () => {
      clearInterval(timer);
      await flush();
    },
  };
};
