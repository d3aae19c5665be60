import type { EventEnvelope } from '../../events/envelope';
import type { CommandSpan } from './snapshots';

/** The commands behind a run of events: a command's events are contiguous, so each is one span. */
export const spansOf = (events: readonly EventEnvelope[]): CommandSpan[] => {
  const spans: CommandSpan[] = [];
  for (const event of events) {
    const last = spans.at(-1);
    if (last !== undefined && last.commandId === event.commandId && last.toVersion === event.version - 1) {
      spans[spans.length - 1] = { ...last, toVersion: event.version };
    } else {
      spans.push({ commandId: event.commandId, fromVersion: event.version, toVersion: event.version });
    }
  }
  return spans;
};

/** The newest `limit` spans, oldest first. */
export const newestSpans = (spans: readonly CommandSpan[], limit: number): CommandSpan[] => spans.slice(Math.max(0, spans.length - limit));
