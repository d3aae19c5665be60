import { processStream } from '../../../adapters/streams';
import { logger } from '../../runtime/logger';
import { documentClient } from '../sessions/config';
import { eventStore } from '../../runtime/eventStore';
import { playerTablesOf, qosConfigOf } from './config';
import { evaluateAlerts } from './evaluateAlerts';
import { eventsOfLogItem } from './playerStore';
import { playbackProjection } from './projectEvents';
import { projectPlayerGroups } from './projectPlayerGroups';

const tables = playerTablesOf(process.env);
const qos = qosConfigOf(process.env);
const client = documentClient();
const projection = playbackProjection(client, tables, { bucketMinutes: qos.QOS_BUCKET_MINUTES, retentionDays: qos.QOS_RETENTION_DAYS });
const alerts = { client, tables, rules: qos.QOS_ALERT_RULES, bucketMinutes: qos.QOS_BUCKET_MINUTES, store: eventStore() };

/**
 * The player event log's stream -> per-session QoE records -> alert rules over the sessions' windows. A session
 * whose fold or evaluation fails holds back only its own records, which Lambda retries; projection and
 * transitions are idempotent, so a retry changes only what the failed attempt did not.
 */
export const handler = (event: unknown) =>
  processStream(event, {
    decode: eventsOfLogItem,
    keyOf: (playerEvent) => playerEvent.sid,
    process: (groups) => projectPlayerGroups({ projection, evaluate: qos.QOS_ALERT_RULES.length === 0 ? undefined : (touched) => evaluateAlerts(alerts, touched, new Date().toISOString()) }, groups),
    name: 'player QoS projection',
    logger,
  });
