import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';

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

const conditionFailed = (error: unknown) => error instanceof Error && error.name === 'ConditionalCheckFailedException';

/** Opens generation active+1 for building; refuses while another rebuild is under way. */
export const startBuilding = async (db: DynamoDBDocumentClient, table: string, projection: string): Promise<number> => {
  const current = await readGenerations(db, table, projection);
  if (current.building !== null) throw new RebuildConflictError(projection, `generation ${current.building} is already being built`);
  const next = current.active + 1;
  try {
    await db.send(
      new UpdateCommand({
        TableName: table,
        Key: pointerKey(projection),
        UpdateExpression: 'SET active = :active, building = :next',
        ConditionExpression: 'attribute_not_exists(pk) OR (active = :active AND (attribute_not_exists(building) OR building = :none))',
        ExpressionAttributeValues: { ':active': current.active, ':next': next, ':none': null },
      }),
    );
  } catch (error) {
    if (conditionFailed(error)) throw new RebuildConflictError(projection, 'another rebuild started at the same moment');
    throw error;
  }
  return next;
};

/** The atomic switch: the built generation becomes the one served. */
export const switchTo = async (db: DynamoDBDocumentClient, table: string, projection: string, generation: number): Promise<void> => {
  try {
    await db.send(
      new UpdateCommand({
        TableName: table,
        Key: pointerKey(projection),
        UpdateExpression: 'SET active = :generation, building = :none, previous = active',
        ConditionExpression: 'building = :generation',
        ExpressionAttributeValues: { ':generation': generation, ':none': null },
      }),
    );
  } catch (error) {
    if (conditionFailed(error)) throw new RebuildConflictError(projection, `generation ${generation} is no longer the one being built`);
    throw error;
  }
};
