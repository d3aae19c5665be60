import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { streamsByCategoryIndex } from './tables';

export interface StreamStart {
  readonly streamId: string;
  /** `occurredAt#streamId` of the stream's first event: pass it back as `startedAfter` to resume. */
  readonly startedAt: string;
}

export interface ListStreamsOptions {
  /** Resume after this position (exclusive). */
  readonly startedAfter?: string;
  readonly pageSize?: number;
}

const indexItemSchema = z.object({ streamId: z.string().min(1), startedAt: z.string().min(1) });

interface ShardCursor {
  buffer: StreamStart[];
  nextKey: Record<string, unknown> | undefined;
  exhausted: boolean;
}

/**
 * Every stream of a category in the order its first event occurred (ties by stream id), for rebuilds: a
 * k-way merge of the category's GSI shards, each read page by page. GSI reads are eventually consistent, so a
 * stream created in the last moment may be missing; a rebuild that resumes from its last position catches it.
 */
export async function* listStreams(
  db: DynamoDBDocumentClient,
  table: string,
  category: string,
  shards: number,
  options: ListStreamsOptions = {},
): AsyncGenerator<StreamStart> {
  const cursors: ShardCursor[] = Array.from({ length: shards }, () => ({ buffer: [], nextKey: undefined, exhausted: false }));
  const fill = async (shard: number, cursor: ShardCursor): Promise<void> => {
    while (cursor.buffer.length === 0 && !cursor.exhausted) {
      const page = await db.send(
        new QueryCommand({
          TableName: table,
          IndexName: streamsByCategoryIndex,
          KeyConditionExpression: options.startedAfter === undefined ? 'categoryShard = :c' : 'categoryShard = :c AND startedAt > :after',
          ExpressionAttributeValues: { ':c': `${category}#${shard}`, ...(options.startedAfter === undefined ? {} : { ':after': options.startedAfter }) },
          ExclusiveStartKey: cursor.nextKey,
          Limit: options.pageSize,
        }),
      );
      cursor.buffer = (page.Items ?? []).map((item) => indexItemSchema.parse(item));
      cursor.nextKey = page.LastEvaluatedKey;
      cursor.exhausted = page.LastEvaluatedKey === undefined;
    }
  };
  for (;;) {
    await Promise.all(cursors.map((cursor, shard) => fill(shard, cursor)));
    let earliest: ShardCursor | undefined;
    for (const cursor of cursors) {
      const head = cursor.buffer[0];
      const best = earliest?.buffer[0];
      if (head !== undefined && (best === undefined || head.startedAt < best.startedAt)) earliest = cursor;
    }
    const next = earliest?.buffer.shift();
    if (next === undefined) return;
    yield next;
  }
}
