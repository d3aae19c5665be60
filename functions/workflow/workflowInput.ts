import * as z from 'zod';
import type { EventStore } from '../../adapters/eventstore';
import { CommandRefusedError } from '../../domain/decider';
import type { ShowCommand } from '../../domain/show';
import type { Actor } from '../../events/envelope';
import { executeShowCommand } from '../shows/showCommands';

/** What the state machine carries from state to state: set by the starter, extended by each task. */
export const runSchema = z.object({
  showId: z.string().min(1),
  uploadId: z.string().min(1),
  bucket: z.string().min(1),
  key: z.string().min(1),
  sizeBytes: z.number().int().nonnegative(),
  etag: z.string(),
  executionName: z.string().min(1),
  /** A retried ingest (POST /shows/{showId}/ingest/retry): the source is recorded already, ingest starts again. */
  retryIngest: z.literal(true).optional(),
});
export type Run = z.infer<typeof runSchema>;

/** The run after PrepareTranscode: the transcode it requested sits at `$.prepared`. */
export const preparedRunSchema = runSchema.extend({ prepared: z.object({ transcodeId: z.string().min(1) }) });

export const workflowActor: Actor = { id: 'publish-workflow', kind: 'service' };

/** Parses a task's input; a malformed input is a bug in the definition, so it fails the task loudly. */
export class TaskInputError extends Error {
  constructor(problems: string) {
    super(`The task input does not match what the state machine should pass: ${problems}`);
    this.name = 'TaskInputError';
  }
}

export const parseTaskInput = <T>(schema: z.ZodType<T>, event: unknown): T => {
  const parsed = schema.safeParse(event);
  if (!parsed.success) throw new TaskInputError(parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; '));
  return parsed.data;
};

/**
 * Records a workflow step in the show's stream. The command id is derived from the execution and the step, so a
 * retried task appends nothing twice.
 */
export const record = (store: EventStore, run: Pick<Run, 'executionName'>, step: string, command: ShowCommand) =>
  executeShowCommand(store, command, { commandId: `${run.executionName}:${step}`, correlationId: run.executionName, actor: workflowActor });

/** The refusal code when the decider refused, else rethrows: a refusal is an answer, anything else a failure. */
export const refusalOf = (error: unknown): string => {
  if (error instanceof CommandRefusedError) return error.code;
  throw error;
};
