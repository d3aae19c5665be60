import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { isConditionFailed } from '../../../adapters/conditionFailed';
import { alertKeyOf, type AlertRule, type AlertState } from '../../../domain/qos';
import type { RecordedAlert } from './alertTransitions';
import type { PlayerTables } from './config';

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
  /** The alert stream's version this item shows (see saveAlertState). */
  transitions: z.number().int().min(1),
});
export type AlertItem = z.output<typeof alertItemSchema>;

export const loadAlert = async (client: DynamoDBDocumentClient, tables: PlayerTables, rule: AlertRule, value: string): Promise<AlertItem | undefined> => {
  const result = await client.send(new GetCommand({ TableName: tables.alerts, Key: { alertKey: alertKeyOf(rule, value) }, ConsistentRead: true }));
  return result.Item === undefined ? undefined : alertItemSchema.parse(result.Item);
};

export const alertStateOf = (item: AlertItem | undefined): AlertState | undefined => (item === undefined ? undefined : { status: item.status, changedAt: item.changedAt });

/**
 * Shows an alert stream's state in the read model (GET /qos/alerts, the schedule's list of open alerts): a Put
 * conditional on the item showing an older version, so a slow evaluator never writes an older state over a newer
 * one. The event store is the truth; an evaluator that died between its append and this write leaves the item
 * behind, and the next evaluation of that value (whose command then appends nothing) writes it.
 */
export const saveAlertState = async (client: DynamoDBDocumentClient, tables: PlayerTables, rule: AlertRule, value: string, recorded: RecordedAlert): Promise<void> => {
  const { state, changedAt } = recorded;
  if (state.last === undefined) return;
  const item: AlertItem = {
    alertKey: alertKeyOf(rule, value),
    ruleId: rule.id,
    metric: rule.metric,
    dimension: rule.dimension,
    dimensionValue: value,
    status: state.status,
    changedAt,
    value: state.last.value,
    threshold: state.last.threshold,
    windowMinutes: rule.windowMinutes,
    transitions: state.transitions,
  };
  try {
    await client.send(
      new PutCommand({ TableName: tables.alerts, Item: item, ConditionExpression: 'attribute_not_exists(alertKey) OR transitions < :t', ExpressionAttributeValues: { ':t': state.transitions } }),
    );
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
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
 * What the schedule re-evaluates at `now`: every open alert (so one whose traffic stopped resolves) and the watch
 * list (see watchAlert). Each alert once; paginated Queries on the byStatus index, no Scan.
 */
export const alertsToReevaluate = async (client: DynamoDBDocumentClient, tables: PlayerTables, now: string): Promise<AlertToReevaluate[]> => {
  const query = async (status: 'open' | 'watching', since?: string): Promise<Record<string, unknown>[]> => {
    const items: Record<string, unknown>[] = [];
    let key: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: tables.alerts,
          IndexName: 'byStatus',
          KeyConditionExpression: since === undefined ? '#status = :status' : '#status = :status AND changedAt >= :since',
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
  const [open, watched] = await Promise.all([query('open'), query('watching', now)]);
  const alerts = open.map((item) => alertItemSchema.parse(item));
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
