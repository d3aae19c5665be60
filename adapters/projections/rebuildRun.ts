import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { isConditionFailed } from '../conditionFailed';
import { RebuildConflictError } from './generations';

/**
 * One rebuild run's hold on the generation it fills, kept on the projection's pointer item beside `active` and
 * `building`: `builder` (the run), `heartbeatAt` (ms, refreshed with every checkpoint) and `checkpoint` (the
 * listing position up to which every stream is rebuilt). A run that is killed leaves all three: the next run,
 * once the holder has been silent for a lease, takes the generation over and resumes after the checkpoint.
 */
export interface BuildClaim {
  readonly projection: string;
  readonly generation: number;
  readonly runId: string;
  /** Where the run that was interrupted had got to: streams listed after it are left to rebuild. */
  readonly resumeAfter: string | undefined;
}

/** A run silent for this long is taken to be dead. Runs write a checkpoint at least every few seconds. */
export const rebuildLeaseMs = 30_000;

const pointerKey = (projection: string) => ({ pk: `projection#${projection}` });
const runSchema = z.object({
  active: z.number().int().positive(),
  building: z.number().int().positive().nullable().optional(),
  checkpoint: z.string().optional(),
  builder: z.string().optional(),
  heartbeatAt: z.number().optional(),
});


/**
 * Opens generation active+1 for building, or takes over the generation a run that died was building (after its
 * lease), with that run's checkpoint. Refuses while another run is alive. Conditional writes: of two runs
 * starting at once, one gets the generation and the other a RebuildConflictError.
 */
export const claimBuild = async (db: DynamoDBDocumentClient, table: string, projection: string, runId: string, now: number): Promise<BuildClaim> => {
  const { Item } = await db.send(new GetCommand({ TableName: table, Key: pointerKey(projection), ConsistentRead: true }));
  // Before any rebuild there is no pointer: generation 1 is live.
  const pointer = runSchema.parse(Item ?? { active: 1 });
  const building = pointer.building ?? null;
  try {
    if (building === null) {
      const next = pointer.active + 1;
      await db.send(
        new UpdateCommand({
          TableName: table,
          Key: pointerKey(projection),
          UpdateExpression: 'SET active = :active, building = :next, builder = :me, heartbeatAt = :now REMOVE checkpoint',
          ConditionExpression: 'attribute_not_exists(pk) OR (active = :active AND (attribute_not_exists(building) OR building = :none))',
          ExpressionAttributeValues: { ':active': pointer.active, ':next': next, ':me': runId, ':now': now, ':none': null },
        }),
      );
      return { projection, generation: next, runId, resumeAfter: undefined };
    }
    const held = pointer.heartbeatAt;
    if (held !== undefined && now - held < rebuildLeaseMs) {
      throw new RebuildConflictError(
        projection,
        `generation ${building} is being built by another run (heard from ${Math.round((now - held) / 1000)} s ago); a run that died is resumed once it has been silent for ${rebuildLeaseMs / 1000} s`,
      );
    }
    await db.send(
      new UpdateCommand({
        TableName: table,
        Key: pointerKey(projection),
        UpdateExpression: 'SET builder = :me, heartbeatAt = :now',
        ConditionExpression: held === undefined ? 'building = :building AND attribute_not_exists(heartbeatAt)' : 'building = :building AND heartbeatAt = :held',
        ExpressionAttributeValues: { ':me': runId, ':now': now, ':building': building, ...(held === undefined ? {} : { ':held': held }) },
      }),
    );
    return { projection, generation: building, runId, resumeAfter: pointer.checkpoint };
  } catch (error) {
    if (isConditionFailed(error)) throw new RebuildConflictError(projection, 'another run claimed the rebuild at the same moment');
    throw error;
  }
};

/** Records progress and keeps the claim alive; a run that lost its claim (taken over after its lease) stops here. */
export const saveCheckpoint = async (db: DynamoDBDocumentClient, table: string, claim: BuildClaim, position: string | undefined, now: number): Promise<void> => {
  try {
    await db.send(
      new UpdateCommand({
        TableName: table,
        Key: pointerKey(claim.projection),
        UpdateExpression: position === undefined ? 'SET heartbeatAt = :now' : 'SET heartbeatAt = :now, checkpoint = :position',
        ConditionExpression: 'building = :generation AND builder = :me',
        ExpressionAttributeValues: { ':now': now, ':generation': claim.generation, ':me': claim.runId, ...(position === undefined ? {} : { ':position': position }) },
      }),
    );
  } catch (error) {
    if (isConditionFailed(error)) throw new RebuildConflictError(claim.projection, `run ${claim.runId} no longer holds generation ${claim.generation}: another run took it over`);
    throw error;
  }
};

/** A run that fails (rather than being killed) lets the next run resume at once instead of after the lease. */
export const releaseClaim = async (db: DynamoDBDocumentClient, table: string, claim: BuildClaim): Promise<void> => {
  try {
    await db.send(
      new UpdateCommand({
        TableName: table,
        Key: pointerKey(claim.projection),
        UpdateExpression: 'REMOVE builder, heartbeatAt',
        ConditionExpression: 'building = :generation AND builder = :me',
        ExpressionAttributeValues: { ':generation': claim.generation, ':me': claim.runId },
      }),
    );
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
  }
};

/**
 * The checkpoint of streams rebuilt concurrently: the last listing position before which every stream is done,
 * so a resumed run that starts after it skips nothing (it may redo a few, which the version gate makes harmless).
 */
export const orderedProgress = () => {
  const listed: string[] = [];
  const done = new Set<string>();
  let next = 0;
  let reached: string | undefined;
  return {
    listed: (position: string) => void listed.push(position),
    done: (position: string) => {
      done.add(position);
      while (next < listed.length && done.has(listed[next] as string)) {
        reached = listed[next];
        done.delete(reached as string);
        next += 1;
      }
    },
    reached: () => reached,
  };
};
