import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import * as z from 'zod';
import { cellKeyOf, mergeRollupChanges, rollupDelta, type RollupChange } from '../../../domain/qos';
import type { Clock } from '../../runtime/clock';
import type { PlayerTables } from './config';
import { qoeSchema } from './playerStore';
import { rollupUpdate } from './rollupStore';

/** The part of the playback sessions table's stream (NEW_AND_OLD_IMAGES) the rollups read. */
const sessionStreamSchema = z.object({
  Records: z.array(
    z.looseObject({
      eventName: z.enum(['INSERT', 'MODIFY', 'REMOVE']),
      dynamodb: z.looseObject({
        SequenceNumber: z.string().min(1),
        OldImage: z.record(z.string(), z.unknown()).optional(),
        NewImage: z.record(z.string(), z.unknown()).optional(),
      }),
    }),
  ),
});

const sessionImageSchema = z.looseObject({ sid: z.string(), version: z.number().int().min(0).default(0), qoe: qoeSchema.optional() });
const imageOf = (image: Record<string, unknown> | undefined) => (image === undefined ? undefined : sessionImageSchema.parse(unmarshall(image as Record<string, AttributeValue>)));

/** One session version's change to the rollups, with the record it came in. */
interface Unit {
  readonly sequenceNumber: string;
  readonly sid: string;
  readonly version: number;
  readonly changes: readonly RollupChange[];
}

/** A REMOVE is the TTL expiring a session: retention, not an un-happening, so the rollups keep it. */
const unitOf = (record: z.output<typeof sessionStreamSchema>['Records'][number]): Unit | undefined => {
  if (record.eventName === 'REMOVE') return undefined;
  const after = imageOf(record.dynamodb.NewImage);
  if (after === undefined) return undefined;
  const before = imageOf(record.dynamodb.OldImage);
  return { sequenceNumber: record.dynamodb.SequenceNumber, sid: after.sid, version: after.version, changes: rollupDelta(before?.qoe, after.qoe) };
};

/** Items one transaction may hold (DynamoDB's limit is 100). */
const maxItems = 100;

/** Units in order, grouped so that each group's markers plus its distinct cells fit one transaction. */
const chunk = (units: readonly Unit[]): Unit[][] => {
  const chunks: Unit[][] = [];
  let current: Unit[] = [];
  let cells = new Set<string>();
  for (const unit of units) {
    const next = new Set([...cells, ...unit.changes.map((c) => cellKeyOf(c.cell))]);
    if (current.length > 0 && current.length + 1 + next.size > maxItems) {
      chunks.push(current);
      current = [];
      cells = new Set(unit.changes.map((c) => cellKeyOf(c.cell)));
    } else cells = next;
    current.push(unit);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
};

export interface RollupApplier {
  readonly db: DynamoDBDocumentClient;
  readonly tables: PlayerTables;
  readonly retentionDays: number;
  readonly clock: Clock;
}

const cancellationCodes = (error: unknown): string[] =>
  error instanceof Error && error.name === 'TransactionCanceledException'
    ? ((error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).map((r) => r.Code ?? 'None')
    : [];

/**
 * Applies units in one transaction: a marker per session version (`applied|<sid>`, conditional on not existing) and
 * each cell's merged delta as ADDs. The marker makes a redelivered record (a retried batch) change nothing: its
 * transaction fails its condition and writes nothing. Answers 'applied', 'seen' (a marker existed) or throws.
 */
const applyTogether = async (applier: RollupApplier, units: readonly Unit[]): Promise<'applied' | 'seen'> => {
  const expiresAt = Math.floor(applier.clock().getTime() / 1000) + 3 * 86_400;
  const markers = units.map((u) => ({
    Put: {
      TableName: applier.tables.rollups,
      Item: { series: `applied|${u.sid}`, period: `v${String(u.version).padStart(10, '0')}`, expiresAt },
      ConditionExpression: 'attribute_not_exists(series)',
    },
  }));
  const updates = mergeRollupChanges(units.flatMap((u) => u.changes)).map((change) => ({ Update: rollupUpdate(applier.tables.rollups, change, applier.retentionDays) }));
  try {
    await applier.db.send(new TransactWriteCommand({ TransactItems: [...markers, ...updates] }));
    return 'applied';
  } catch (error) {
    if (cancellationCodes(error).slice(0, markers.length).includes('ConditionalCheckFailed')) return 'seen';
    throw error;
  }
};

const isConflict = (error: unknown) =>
  error instanceof Error && (error.name === 'TransactionConflictException' || cancellationCodes(error).includes('TransactionConflict'));

/** One unit alone, a few times when another writer holds one of its cells (hot cells: the "all" series). */
const applyAlone = async (applier: RollupApplier, unit: Unit): Promise<void> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await applyTogether(applier, [unit]);
      return;
    } catch (error) {
      if (!isConflict(error) || attempt >= 6) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt * Math.random()));
    }
  }
};

/** A chunk in one transaction; when part of it was applied before (a retry) or it conflicted, each unit on its own. */
const applyChunk = async (applier: RollupApplier, units: readonly Unit[]): Promise<string[]> => {
  try {
    if ((await applyTogether(applier, units)) === 'applied' || units.length === 1) return [];
  } catch (error) {
    if (units.length === 1 && !isConflict(error)) return [units[0]?.sequenceNumber ?? ''];
  }
  const outcomes = await Promise.allSettled(units.map((unit) => applyAlone(applier, unit)));
  return units.flatMap((unit, i) => (outcomes[i]?.status === 'rejected' ? [unit.sequenceNumber] : []));
};

/**
 * The playback sessions table's stream -> the dashboard's rollups. Each record is one session version: its new QoE
 * summary's contribution minus its old one is added to every cell it touches (domain/qos/rollupKeys.ts), so the
 * rollups equal the recomputation from the summaries whatever order, lateness or redelivery. ADDs commute, so the
 * records of a batch need no order; one that fails is reported alone and Lambda retries it (and those after it,
 * which their markers skip).
 */
export const projectRollups = (applier: RollupApplier) => async (event: unknown): Promise<{ batchItemFailures: { itemIdentifier: string }[] }> => {
  const units = sessionStreamSchema.parse(event).Records.flatMap((record) => {
    const unit = unitOf(record);
    return unit === undefined || unit.changes.length === 0 ? [] : [unit];
  });
  // One chunk after another: chunks share hot cells, and side by side they would only conflict.
  const failed: string[] = [];
  for (const part of chunk(units)) failed.push(...(await applyChunk(applier, part)));
  return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
};
