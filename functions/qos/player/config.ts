import * as z from 'zod';
import { alertRulesSchema, type AlertRule } from '../../../domain/qos';
import { readConfig } from '../../runtime/config';

export interface PlayerTables {
  readonly log: string;
  readonly sessions: string;
  readonly alerts: string;
  /** The dashboard's QoE rollups (rollupStore.ts) and their appliers' markers. */
  readonly rollups: string;
}

const tablesSchema = z.object({
  PLAYER_EVENT_LOG_TABLE: z.string().min(1),
  PLAYBACK_SESSIONS_TABLE: z.string().min(1),
  QOS_ALERTS_TABLE: z.string().min(1),
  QOS_ROLLUPS_TABLE: z.string().min(1),
});

export const playerTablesOf = (env: Readonly<Record<string, string | undefined>>): PlayerTables => {
  const config = readConfig(tablesSchema, env, 'player QoS tables');
  return { log: config.PLAYER_EVENT_LOG_TABLE, sessions: config.PLAYBACK_SESSIONS_TABLE, alerts: config.QOS_ALERTS_TABLE, rollups: config.QOS_ROLLUPS_TABLE };
};

const qosSchema = z.object({
  /** Metrics are kept per bucket of this many minutes (sessions by their play attempt). */
  QOS_BUCKET_MINUTES: z.coerce.number().int().min(1).max(60).default(5),
  /** How long raw player events and session records are kept (DynamoDB TTL). */
  QOS_RETENTION_DAYS: z.coerce.number().int().min(1).max(400).default(30),
  QOS_ALERT_RULES: z
    .string()
    .default('[]')
    .transform((text, ctx): AlertRule[] => {
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'QOS_ALERT_RULES is not JSON' });
        return z.NEVER;
      }
      const parsed = alertRulesSchema.safeParse(raw);
      if (!parsed.success) {
        ctx.addIssue({ code: 'custom', message: `QOS_ALERT_RULES: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}` });
        return z.NEVER;
      }
      return parsed.data;
    }),
});
export type QosConfig = z.output<typeof qosSchema>;

export const qosConfigOf = (env: Readonly<Record<string, string | undefined>>): QosConfig => readConfig(qosSchema, env, 'player QoS configuration');
