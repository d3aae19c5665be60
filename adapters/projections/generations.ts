import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { isConditionFailed } from '../conditionFailed';

/**
 * Which generation of a read model the API serves (`active`) and which one a rebuild is filling
 * (`building`). Projectors write to both, so a rebuild that finishes is already caught up; switching is one
 * conditional write of this item, which every reader sees at once (within its cache time).
 */
export interface Generations {
  readonly active: number;
  readonly building: number | null;
}

const pointerKey = (projection: string) => ({ pk: `projection#${projection}` });
const pointerSchema = z.object({ active: z.number().int().positive(), building: z.number().int().positive().nullable().optional() });

/** Before any rebuild there is no pointer: generation 1 is live. */
export const initialGenerations: Generations = { active: 1, building: null };

export const readGenerations = async (db: DynamoDBDocumentClient, table: string, projection: string): Promise<Generations> => {
  const { Item } = await db.send(new GetCommand({ TableName: table, Key: pointerKey(projection), ConsistentRead: true }));
  if (Item === undefined) return initialGenerations;
  const parsed = pointerSchema.parse(Item);
  return { active: parsed.active, building: parsed.building ?? null };
};

/** The generations a projector writes to. */
export const writeTargets = (generations: Generations): number[] =>
  generations.building === null ? [generations.active] : [generations.active, generations.building];

export class RebuildConflictError extends Error {
  constructor(projection: string, detail: string) {
    super(`rebuild of ${projection}: ${detail}`);
    this.name = 'RebuildConflictError';
  }
}


/**
 * The atomic switch: the built generation becomes the one served, `previous` the one it replaces (kept for a
 * rollback). `switchedAt` dates it, so pruning knows how long ago each older generation stopped being served;
 * the run's claim and checkpoint go with it.
 */
export const switchTo = async (db: DynamoDBDocumentClient, table: string, projection: string, generation: number, run: { readonly runId: string; readonly at: number }): Promise<void> => {
  try {
    await db.send(
      new UpdateCommand({
        TableName: table,
        Key: pointerKey(projection),
        UpdateExpression:
          'SET active = :generation, building = :none, previous = active, previousSwitchedAt = if_not_exists(switchedAt, :never), switchedAt = :at REMOVE builder, heartbeatAt, checkpoint',
        ConditionExpression: 'building = :generation AND builder = :me',
        ExpressionAttributeValues: { ':generation': generation, ':none': null, ':me': run.runId, ':at': run.at, ':never': 0 },
      }),
    );
  } catch (error) {
    if (isConditionFailed(error)) throw new RebuildConflictError(projection, `generation ${generation} is no longer the one this run builds`);
    throw error;
  }
};
