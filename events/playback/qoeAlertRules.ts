import * as z from 'zod';
import { defineEvent } from '../contract';

const ruleSchema = z.strictObject({
  id: z.string().min(1),
  metric: z.enum(['errorRatio', 'rebufferingRatio']),
  dimension: z.enum(['show', 'country', 'cdn']),
  raiseAbove: z.number().min(0).max(1),
  clearBelow: z.number().min(0).max(1),
  minAttempts: z.number().int().min(1),
  windowMinutes: z.number().int().min(1),
});

export const qoeAlertRuleSetChanged = defineEvent({
  type: 'QoeAlertRuleSetChanged',
  context: 'playback',
  schemaVersion: 1,
  description: 'An admin changed one QoE alert rule\'s thresholds; carries the whole rule set as it now reads, and which rule changed.',
  schema: z.strictObject({ changedRuleId: z.string().min(1), rules: z.array(ruleSchema) }),
});
