import * as z from 'zod';
import { defineEvent } from '../contract';

/** Timestamps as the sessions API we replace wrote them: UTC, microseconds, no zone. */
const ts = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/);

export const viewerSessionStarted = defineEvent({
  type: 'ViewerSessionStarted',
  context: 'playback',
  schemaVersion: 1,
  description: 'A player reported the start of a viewer session (the session event log\'s "start" fact).',
  schema: z.strictObject({ sessionId: z.uuid(), playerId: z.string().regex(/^[0-9a-f]{32}$/), country: z.string().regex(/^[A-Z]{2,3}$/), ts }),
});

export const viewerSessionEnded = defineEvent({
  type: 'ViewerSessionEnded',
  context: 'playback',
  schemaVersion: 1,
  description: 'A player reported the end of a viewer session; it carries no country (the start does).',
  schema: z.strictObject({ sessionId: z.uuid(), playerId: z.string().regex(/^[0-9a-f]{32}$/), ts }),
});
