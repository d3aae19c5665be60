import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { appendToStreams, tryAppendToStreams } from './appendToStreams';
import type { AppendOptions, AppendResult, ProposedEvent, StreamAppend } from './appendTypes';
import type { ExpectedVersion } from './expectedVersion';
import { listStreams, type ListStreamsOptions, type StreamStart } from './listStreams';
import { readStream, type ReadStreamOptions, type ReadStreamResult } from './readStream';
import { readSnapshot, saveSnapshot, type Snapshot, type SnapshotPolicy } from './snapshots';
import type { EventStoreTableNames } from './tables';

export interface EventStore {
  appendToStream(
    streamId: string,
    events: readonly ProposedEvent[],
    options: AppendOptions & { readonly expectedVersion: ExpectedVersion },
  ): Promise<AppendResult>;
  /**
   * As appendToStream, but a version conflict is an answer rather than an error, and costs no read of the
   * head: for the command handler, which catches up with the stream after a conflict anyway.
   */
  tryAppendToStream(
    streamId: string,
    events: readonly ProposedEvent[],
    options: AppendOptions & { readonly expectedVersion: ExpectedVersion },
  ): Promise<AppendResult | VersionConflict>;
  /** One command's events for several streams, in one transaction; results in the order given. */
  appendToStreams(appends: readonly StreamAppend[], options: AppendOptions): Promise<AppendResult[]>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<ReadStreamResult>;
  readSnapshot<TState>(streamId: string, policy: SnapshotPolicy<TState>): Promise<Snapshot<TState> | undefined>;
  saveSnapshot<TState>(snapshot: Snapshot<TState>): Promise<void>;
  listStreams(category: string, options?: ListStreamsOptions): AsyncIterable<StreamStart>;
}

export interface VersionConflict {
  readonly conflict: true;
  readonly streamId: string;
}

export interface DynamoDbEventStoreOptions {
  readonly client: DynamoDBClient;
  readonly tables: EventStoreTableNames;
  /**
   * GSI shards per category. Readers must use the same number as every writer ever did: changing it later
   * needs a backfill of `categoryShard` on first events.
   */
  readonly categoryShards?: number;
}

export const defaultCategoryShards = 4;

/** The event store on the tables serverless.yml declares; create it once per container and share it. */
export const createDynamoDbEventStore = (options: DynamoDbEventStoreOptions): EventStore => {
  const db = DynamoDBDocumentClient.from(options.client, { marshallOptions: { removeUndefinedValues: true } });
  const categoryShards = options.categoryShards ?? defaultCategoryShards;
  const deps = { db, eventsTable: options.tables.events, categoryShards };
  return {
    appendToStream: async (streamId, events, { expectedVersion, ...appendOptions }) => {
      const [result] = await appendToStreams(deps, [{ streamId, expectedVersion, events }], appendOptions);
      if (result === undefined) throw new Error(`append to ${streamId} returned no result`);
      return result;
    },
    tryAppendToStream: async (streamId, events, { expectedVersion, ...appendOptions }) => {
      const outcome = await tryAppendToStreams(deps, [{ streamId, expectedVersion, events }], appendOptions);
      if (outcome.kind === 'conflict') return { conflict: true, streamId };
      const [result] = outcome.results;
      if (result === undefined) throw new Error(`append to ${streamId} returned no result`);
      return result;
    },
    appendToStreams: (appends, appendOptions) => appendToStreams(deps, appends, appendOptions),
    readStream: (streamId, readOptions) => readStream(db, options.tables.events, streamId, readOptions),
    readSnapshot: (streamId, policy) => readSnapshot(db, options.tables.snapshots, streamId, policy),
    saveSnapshot: (snapshot) => saveSnapshot(db, options.tables.snapshots, snapshot),
    listStreams: (category, listOptions) => listStreams(db, options.tables.events, category, categoryShards, listOptions),
  };
};
