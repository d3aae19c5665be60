import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { TransactItem } from '../../../adapters/streams';
import { coversTop, insightBoards, rankBaseOf, ranked, rankUnit, startedInBoard, type CounterDelta, type Tally } from '../../../domain/sessions';
import type { SessionTables } from './sessionStore';

/**
 * One counter's move, an item of the transaction that writes the sessions which moved it (an addition: counters
 * shared by many sessions need no read). A player's counter moves its rank with it, which the byRank index sorts.
 */
export const counterUpdate = (table: string, move: CounterDelta): TransactItem => {
  const isPlayer = move.board === insightBoards.completedByPlayer;
  return {
    Update: {
      TableName: table,
      Key: { board: move.board, member: move.member },
      UpdateExpression: isPlayer ? 'SET #rank = if_not_exists(#rank, :base) + :rankDelta ADD #count :delta' : 'ADD #count :delta',
      ExpressionAttributeNames: { '#count': 'count', ...(isPlayer ? { '#rank': 'rank' } : {}) },
      ExpressionAttributeValues: { ':delta': move.delta, ...(isPlayer ? { ':base': rankBaseOf(move.member), ':rankDelta': move.delta * rankUnit } : {}) },
    },
  };
};

const tallySchema = z.object({ member: z.string(), count: z.number() });
const rankedTallySchema = tallySchema.extend({ rank: z.number() });

/** Every counter of a board: one partition, read whole (Query pages, consistent); boards by country hold at most ~250. */
const boardTallies = async (db: DynamoDBDocumentClient, tables: SessionTables, board: string): Promise<Tally[]> => {
  const tallies: Tally[] = [];
  let key: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tables.insights,
        KeyConditionExpression: '#board = :board',
        ExpressionAttributeValues: { ':board': board },
        ExpressionAttributeNames: { '#board': 'board', '#member': 'member', '#count': 'count' },
        ProjectionExpression: '#member, #count',
        ConsistentRead: true,
        ...(key === undefined ? {} : { ExclusiveStartKey: key }),
      }),
    );
    tallies.push(...(page.Items ?? []).map((item) => tallySchema.parse(item)));
    key = page.LastEvaluatedKey;
  } while (key !== undefined);
  return tallies;
};

export interface SessionTotals {
  readonly sessions: number;
  readonly started: number;
  readonly completed: number;
}

/** How many sessions were seen, how many have their start, how many are completed. */
export const sessionTotals = async (db: DynamoDBDocumentClient, tables: SessionTables): Promise<SessionTotals> => {
  const tallies = await boardTallies(db, tables, insightBoards.totals);
  const countOf = (member: string) => tallies.find((t) => t.member === member)?.count ?? 0;
  return { sessions: countOf('sessions'), started: countOf('started'), completed: countOf('completed') };
};

/** Completed sessions per country, count descending then country ascending; the first `limit` when given. */
export const completedByCountry = async (db: DynamoDBDocumentClient, tables: SessionTables, limit?: number): Promise<Tally[]> =>
  ranked(await boardTallies(db, tables, insightBoards.completedByCountry), limit);

/** The country with the most sessions started in the year (ties: the first country in order); undefined when none. */
export const topStartedCountry = async (db: DynamoDBDocumentClient, tables: SessionTables, year: number): Promise<Tally | undefined> =>
  ranked(await boardTallies(db, tables, startedInBoard(year)), 1)[0];

/**
 * The `limit` players with the most completed sessions (count descending, player ascending): pages of the byRank
 * index read descending, players with none left out by the key condition, until the page read holds the whole tie
 * group of the last place (in practice the first page).
 */
export const topPlayers = async (db: DynamoDBDocumentClient, tables: SessionTables, limit: number): Promise<Tally[]> => {
  const read: z.infer<typeof rankedTallySchema>[] = [];
  let key: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tables.insights,
        IndexName: 'byRank',
        KeyConditionExpression: '#board = :board AND #rank >= :one',
        ExpressionAttributeNames: { '#board': 'board', '#member': 'member', '#rank': 'rank', '#count': 'count' },
        ExpressionAttributeValues: { ':board': insightBoards.completedByPlayer, ':one': rankUnit },
        ProjectionExpression: '#member, #count, #rank',
        ScanIndexForward: false,
        Limit: limit + 1,
        ...(key === undefined ? {} : { ExclusiveStartKey: key }),
      }),
    );
    read.push(...(page.Items ?? []).map((item) => rankedTallySchema.parse(item)));
    key = page.LastEvaluatedKey;
  } while (!coversTop(read.map((r) => r.rank), limit, key === undefined));
  return ranked(read.map(({ member, count }) => ({ member, count })), limit);
};
