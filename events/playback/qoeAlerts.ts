import * as z from 'zod';
import { defineEvent } from '../contract';

const alertFields = {
  ruleId: z.string().min(1),
  metric: z.enum(['errorRatio', 'rebufferingRatio']),
  dimension: z.enum(['show', 'country', 'cdn']),
  dimensionValue: z.string().min(1),
  value: z.number(),
  threshold: z.number(),
  windowMinutes: z.number().int().positive(),
};

export const qoeAlertRaised = defineEvent({
  type: 'QoeAlertRaised',
  context: 'playback',
  schemaVersion: 1,
  description: 'A QoE metric of one show, country or CDN crossed its rule\'s raise level over the rule\'s window; raised once per incident.',
  schema: z.strictObject(alertFields),
});

export const qoeAlertResolved = defineEvent({
  type: 'QoeAlertResolved',
  context: 'playback',
  schemaVersion: 1,
  description: 'A raised QoE alert\'s metric fell below the rule\'s clear level (lower than the raise level, so it does not flap).',
  schema: z.strictObject(alertFields),
});
