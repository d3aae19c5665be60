import * as z from 'zod';
import { checkAlertRule, type AlertRule } from './alerts';

const ruleSchema = z.strictObject({
  // No `#`: the rule id is the first part of the alert key (domain/qos/dimensionKeys.ts).
  id: z.string().regex(/^[a-z0-9-]{1,64}$/, 'a rule id is 1-64 lower-case letters, digits and dashes'),
  metric: z.enum(['errorRatio', 'rebufferingRatio']),
  dimension: z.enum(['show', 'country', 'cdn']),
  raiseAbove: z.number().min(0).max(1),
  clearBelow: z.number().min(0).max(1),
  minAttempts: z.number().int().min(1),
  windowMinutes: z.number().int().min(1).max(24 * 60),
});

/** Alert rules as configuration writes them (a JSON array); each is checked so none can flap. */
export const alertRulesSchema = z
  .array(ruleSchema)
  .transform((rules): AlertRule[] => rules.map(checkAlertRule))
  .refine((rules) => new Set(rules.map((r) => r.id)).size === rules.length, 'alert rule ids must be unique');
