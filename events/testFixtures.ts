import type { EventEnvelope } from './envelope';

/** A stored envelope with plausible metadata, for tests that care only about type, version and data. */
export const storedEnvelope = (
  overrides: Partial<EventEnvelope<string, unknown>> & Pick<EventEnvelope<string, unknown>, 'type' | 'data'>,
): EventEnvelope<string, unknown> => ({
  eventId: 'evt-1',
  streamId: 'show#s-1',
  version: 1,
  schemaVersion: 1,
  context: 'catalog',
  occurredAt: '2026-01-02T03:04:05.000Z',
  commandId: 'cmd-1',
  correlationId: 'corr-1',
  causationId: 'cmd-1',
  actor: { id: 'user-1', kind: 'user' },
  ...overrides,
});
