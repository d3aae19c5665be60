import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { alertKeyOf, type AlertDecision, type AlertRule, type AlertState } from '../../../domain/qos';
import type { EventEnvelope } from '../../../events/envelope';
import { qoeAlertRaised, qoeAlertResolved } from '../../../events/playback';
import type { PlayerTables } from './config';
import { isConditionFailed } from '../../../adapters/conditionFailed';

const alertItemSchema = z.object({
  alertKey: z.string(),
  ruleId: z.string(),
  metric: z.string(),
  dimension: z.string(),
  dimensionValue: z.string(),
  status: z.enum(['open', 'resolved']),
  changedAt: z.string(),
  value: z.number(),
  threshold: z.number(),
  windowMinutes: z.number(),
  transitions: z.number().int().min(1),
  /** The envelope of the last transition while it is not yet on the bus (see transitionAlert). */
  pendingEvent: z.string().optional(),
  /** When an evaluator took over re-sending a pending event its first evaluator did not finish (see claimPending). */
  pendingClaimedAt: z.string().optional(),
});
export type AlertItem = z.output<typeof alertItemSchema>;

export const loadAlert = async (client: DynamoDBDocumentClient, tables: PlayerTables, rule: AlertRule, value: string): Promise<AlertItem | undefined> => {
  const result = await client.send(new GetCommand({ TableName: tables.alerts, Key: { alertKey: alertKeyOf(rule, value) }, ConsistentRead: true }));
  return result.Item === undefined ? undefined : alertItemSchema.parse(result.Item);
};

export const alertStateOf = (item: AlertItem | undefined): AlertState | undefined => (item === undefined ? undefined : { status: item.status, changedAt: item.changedAt });

/**
 * The bus event of one transition. Its id is the alert key and the transition's number, so a transition
 * published twice (a retry after a crash) is recognisably the same event to every consumer.
 */
export const alertEnvelope = (rule: AlertRule, value: string, decision: AlertDecision, transition: number, now: string): EventEnvelope => {
  const alertKey = alertKeyOf(rule, value);
  const contract = decision.type === 'QoeAlertRaised' ? qoeAlertRaised : qoeAlertResolved;
  const data = contract.schema.parse({
    ruleId: rule.id,
    metric: rule.metric,
    dimension: rule.dimension,
    dimensionValue: value,
    value: decision.value,
    threshold: decision.type === 'QoeAlertRaised' ? rule.raiseAbove : rule.clearBelow,
    windowMinutes: rule.windowMinutes,
  });
  const eventId = `${alertKey}#${transition}`;
  return {
    eventId,
    streamId: `qos-alert-${alertKey}`,
    version: transition,
    type: contract.type,
    schemaVersion: contract.schemaVersion,
    context: 'playback',
    occurredAt: now,
    commandId: eventId,
    correlationId: eventId,
    causationId: eventId,
    actor: { id: 'qos-alerts', kind: 'system' },
    data,
  };
};

export class AlertTransitionLostError extends Error {
  constructor(alertKey: string) {
    super(`alert ${alertKey} changed under this evaluator; its transition is left to the one that won`);
    this.name = 'AlertTransitionLostError';
  }
}

/**
 * Records a transition, conditional on the transition count it was decided from, so two evaluators can never
 * both raise one alert (the loser gets AlertTransitionLostError and publishes nothing). The envelope is stored
 * with the state as `pendingEvent` until it is on the bus: a crash between the two leaves it to be re-sent.
 */
export const transitionAlert = async (
  client: DynamoDBDocumentClient,
  tables: PlayerTables,
  rule: AlertRule,
  value: string,
  previous: AlertItem | undefined,
  envelope: EventEnvelope,
): Promise<AlertItem> => {
  const data = z.object({ value: z.number(), threshold: z.number() }).parse(envelope.data);
  const item: AlertItem = {
    alertKey: alertKeyOf(rule, value),
    ruleId: rule.id,
    metric: rule.metric,
    dimension: rule.dimension,
    dimensionValue: value,
    status: envelope.type === qoeAlertRaised.type ? 'open' : 'resolved',
    changedAt: envelope.occurredAt,
    value: data.value,
    threshold: data.threshold,
    windowMinutes: rule.windowMinutes,
    transitions: envelope.version,
    pendingEvent: JSON.stringify(envelope),
  };
  try {
    await client.send(
      new PutCommand({
        TableName: tables.alerts,
        Item: item,
        ConditionExpression: previous === undefined ? 'attribute_not_exists(alertKey)' : 'transitions = :seen',
        ...(previous === undefined ? {} : { ExpressionAttributeValues: { ':seen': previous.transitions } }),
      }),
    );
  } catch (error) {
    if (isConditionFailed(error)) throw new AlertTransitionLostError(item.alertKey);
    throw error;
  }
  return item;
};

/** Once the transition's event is on the bus, it is no longer pending (unless a newer transition replaced it). */
export const markPublished = async (client: DynamoDBDocumentClient, tables: PlayerTables, item: AlertItem): Promise<void> => {
  try {
    await client.send(
      new UpdateCommand({
        TableName: tables.alerts,
        Key: { alertKey: item.alertKey },
        UpdateExpression: 'REMOVE pendingEvent, pendingClaimedAt',
        ConditionExpression: 'transitions = :n',
        ExpressionAttributeValues: { ':n': item.transitions },
      }),
    );
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
  }
};

/**
 * How long a transition's own evaluator has to put its event on the bus before another may re-send it: longer
 * than the evaluating functions' timeout (60 s), so the first evaluator has finished or died by then.
 */
export const pendingLeaseMs = 120_000;

/**
 * Takes over re-sending a transition's pending event, conditional on nobody having published or claimed it in
 * the last lease: of two evaluators that find the same stale pending event, one re-sends it, the other gets
 * false. Without this, an evaluator reading the alert between a transition and its publication would publish
 * the same event a second time.
 */
export const claimPending = async (client: DynamoDBDocumentClient, tables: PlayerTables, item: AlertItem, now: string): Promise<boolean> => {
  const staleBefore = new Date(Date.parse(now) - pendingLeaseMs).toISOString();
  if (item.pendingEvent === undefined || item.changedAt >= staleBefore) return false;
  try {
    await client.send(
      new UpdateCommand({
        TableName: tables.alerts,
        Key: { alertKey: item.alertKey },
        UpdateExpression: 'SET pendingClaimedAt = :now',
        ConditionExpression: 'transitions = :n AND attribute_exists(pendingEvent) AND (attribute_not_exists(pendingClaimedAt) OR pendingClaimedAt < :stale)',
        ExpressionAttributeValues: { ':n': item.transitions, ':now': now, ':stale': staleBefore },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
};

/** What the schedule re-evaluates: an alert's rule and dimension value. */
export interface AlertToReevaluate {
  readonly alertKey: string;
  readonly ruleId: string;
  readonly dimensionValue: string;
}

const watchItemSchema = z.object({ alertKey: z.string(), ruleId: z.string(), dimensionValue: z.string(), status: z.literal('watching'), changedAt: z.string() });
const watchKeyOf = (rule: AlertRule, value: string) => `watch#${alertKeyOf(rule, value)}`;

/**
 * Puts (rule, value) on the schedule's watch list until `until`: its window holds failures (or stalls) that did
 * not raise it, so good sessions ageing out of the window could raise it with no new event arriving. A separate
 * item (status 'watching', changedAt = until) on the same byStatus index: the schedule finds the live ones with one
 * Query, an expired one simply stops matching, and the alert's own item and GET /qos/alerts are untouched.
 * A later `until` wins; an earlier one changes nothing.
 */
export const watchAlert = async (client: DynamoDBDocumentClient, tables: PlayerTables, rule: AlertRule, value: string, until: string): Promise<void> => {
  try {
    await client.send(
      new PutCommand({
        TableName: tables.alerts,
        // expiresAt: the table's TTL deletes a watch a day after it lapsed (a lapsed one is never read again).
        Item: { alertKey: watchKeyOf(rule, value), ruleId: rule.id, dimensionValue: value, status: 'watching', changedAt: until, expiresAt: Math.floor(Date.parse(until) / 1000) + 86_400 },
        ConditionExpression: 'attribute_not_exists(changedAt) OR changedAt < :until',
        ExpressionAttributeValues: { ':until': until },
      }),
    );
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
  }
};

/**
 * What the schedule re-evaluates at `now`: every open alert (so one whose traffic stopped resolves), the alerts
 * resolved in the last `recentMs` whose event is still pending (a resolve whose evaluator died before publishing),
 * and the watch list (see watchAlert). Each alert once; paginated Queries on the byStatus index, no Scan.
 */
export const alertsToReevaluate = async (client: DynamoDBDocumentClient, tables: PlayerTables, now: string, recentMs: number): Promise<AlertToReevaluate[]> => {
  const query = async (status: 'open' | 'resolved' | 'watching', since?: string): Promise<Record<string, unknown>[]> => {
    const items: Record<string, unknown>[] = [];
    let key: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: tables.alerts,
          IndexName: 'byStatus',
          KeyConditionExpression: since === undefined ? '#status = :status' : '#status = :status AND changedAt >= :since',
          ...(status === 'resolved' ? { FilterExpression: 'attribute_exists(pendingEvent)' } : {}),
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':status': status, ...(since === undefined ? {} : { ':since': since }) },
          ...(key === undefined ? {} : { ExclusiveStartKey: key }),
        }),
      );
      items.push(...(page.Items ?? []));
      key = page.LastEvaluatedKey;
    } while (key !== undefined);
    return items;
  };
  const [open, resolved, watched] = await Promise.all([
    query('open'),
    query('resolved', new Date(Date.parse(now) - recentMs).toISOString()),
    query('watching', now),
  ]);
  const alerts = [...open, ...resolved].map((item) => alertItemSchema.parse(item));
  const byAlert = new Map<string, AlertToReevaluate>(alerts.map((a) => [`${a.ruleId}#${a.dimensionValue}`, a]));
  for (const watch of watched.map((item) => watchItemSchema.parse(item))) {
    const id = `${watch.ruleId}#${watch.dimensionValue}`;
    if (!byAlert.has(id)) byAlert.set(id, watch);
  }
  return [...byAlert.values()];
};

/** Alerts by status, most recently changed first (one Query on the byStatus index). */
export const alertsByStatus = async (client: DynamoDBDocumentClient, tables: PlayerTables, status: 'open' | 'resolved', limit: number): Promise<AlertItem[]> => {
  const result = await client.send(
    new QueryCommand({
      TableName: tables.alerts,
      IndexName: 'byStatus',
      KeyConditionExpression: '#status = :status',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':status': status },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (result.Items ?? []).map((item) => alertItemSchema.parse(item));
};
