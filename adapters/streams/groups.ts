import { insertedItem, type StreamRecord } from './streamEvent';

/** Items by key, in their order within each key. */
export const groupBy = <T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return groups;
};

/** One unit a record carries (an event, a log item's fact), with the record it came in. */
export interface Unit<T> {
  readonly value: T;
  readonly sequenceNumber: string;
}

/** The units of a batch by group key, each group in record order. */
export type Groups<T> = ReadonlyMap<string, readonly Unit<T>[]>;

export interface GroupedBatch<T> {
  readonly groups: Groups<T>;
  /** The first record whose image could not be decoded, and why: it and every record after it are not grouped. */
  readonly invalid?: { readonly sequenceNumber: string; readonly error: unknown };
}

export interface Decoder<T> {
  /** The units an inserted item holds; throws when the item is not what the table stores. */
  readonly decode: (item: Record<string, unknown>) => readonly T[];
  readonly keyOf: (unit: T) => string;
}

/**
 * Groups a batch's units by key, keeping record order within each group. Decoding stops at the first record that
 * is not valid: its units' keys are unknown, so no record after it may overtake it in any group.
 */
export const groupRecords = <T>(records: readonly StreamRecord[], decoder: Decoder<T>): GroupedBatch<T> => {
  const units: Unit<T>[] = [];
  for (const record of records) {
    const sequenceNumber = record.dynamodb.SequenceNumber;
    let values: readonly T[];
    try {
      const item = insertedItem(record);
      values = item === undefined ? [] : decoder.decode(item);
    } catch (error) {
      return { groups: groupBy(units, (unit) => decoder.keyOf(unit.value)), invalid: { sequenceNumber, error } };
    }
    units.push(...values.map((value) => ({ value, sequenceNumber })));
  }
  return { groups: groupBy(units, (unit) => decoder.keyOf(unit.value)) };
};

/** A group that failed: its units from `from` (an index into the group) on were not folded. */
export interface GroupFailure {
  readonly from: number;
  readonly error: unknown;
}

/**
 * The records to report as failed, with why: for each failed group, the record of its first failed unit and every
 * later record of that group; an invalid record and everything after it. Lambda resumes the shard at the earliest
 * one, so a group's records are retried in order and the other groups' are acknowledged (or, when they come after
 * it, folded again harmlessly behind their version gates).
 */
export const failedRecords = <T>(records: readonly StreamRecord[], batch: GroupedBatch<T>, failures: ReadonlyMap<string, GroupFailure>): Map<string, unknown> => {
  const position = new Map(records.map((record, index) => [record.dynamodb.SequenceNumber, index]));
  const failed = new Map<string, unknown>();
  for (const [key, failure] of failures) {
    for (const unit of batch.groups.get(key)?.slice(failure.from) ?? []) if (!failed.has(unit.sequenceNumber)) failed.set(unit.sequenceNumber, failure.error);
  }
  if (batch.invalid !== undefined) {
    const { sequenceNumber, error } = batch.invalid;
    for (const record of records.slice(position.get(sequenceNumber))) failed.set(record.dynamodb.SequenceNumber, error);
  }
  return failed;
};
