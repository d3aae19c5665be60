import * as z from 'zod';
import type { EventStore } from '../../../adapters/eventstore';
import { currentRunOf, showStreamId } from '../../../domain/show';
import { showIdSchema } from '../../../events/catalog/fields';
import { HttpError, notFound } from '../../http/errors';
import { httpHandler } from '../../http/httpHandler';
import { json } from '../../http/response';
import type { WorkflowExecutions } from '../../operations/executions';
import { executeShowCommand, loadShow } from '../../shows/showCommands';
import type { Run } from '../workflowInput';

export interface ReprocessDeps {
  readonly store: EventStore;
  readonly sourceBucket: string;
  /** Starts a run of the publish workflow (Step Functions' StartExecution in the container). */
  readonly startRun: (run: Run & { reprocess: true }) => Promise<unknown>;
  /** What Step Functions says of the run behind the show (DescribeExecution). */
  readonly executions: Pick<WorkflowExecutions, 'statusOf'>;
  /** Waits between two looks at a run that is ending (setTimeout in the container; nothing in tests). */
  readonly pause?: (ms: number) => Promise<void>;
}

/** Statuses a run records just before it ends: such a run is asked again for a moment before the request is refused. */
const endingStatuses = new Set(['transcodeFailed', 'rejected', 'processingFailed']);
const endingLooks = 6;
const endingPauseMs = 500;

const statusOnceEnded = async (deps: ReprocessDeps, executionName: string, ending: boolean) => {
  let status = await deps.executions.statusOf(executionName);
  for (let look = 1; ending && status === 'RUNNING' && look < endingLooks; look += 1) {
    await (deps.pause ?? (async () => undefined))(endingPauseMs);
    status = await deps.executions.statusOf(executionName);
  }
  return status;
};

/**
 * POST /shows/{showId}/reprocess (admin): a new run on the current source, from the transcode on, once the show's
 * run has ended, however it ended (the Show decider's RequestReprocess says when, and records a run that stopped
 * without an outcome). Refused (409) while that run is still running, and for a show with no probed source.
 */
export const reprocessRoute = (deps: ReprocessDeps) =>
  httpHandler({ path: z.object({ showId: showIdSchema }), access: { roles: ['admin'] } }, async ({ path, requestId, caller, now }) => {
    const { events } = await deps.store.readStream(showStreamId(path.showId));
    const behind = currentRunOf(events);
    if (behind === null) throw notFound(`show ${path.showId}`);
    const ending = endingStatuses.has((await loadShow(deps.store, path.showId)).state.status);
    const run = { executionName: behind.executionName, status: await statusOnceEnded(deps, behind.executionName, ending) };
    const actor = { id: caller?.userId ?? 'admin', kind: 'user' as const };
    await executeShowCommand(deps.store, { type: 'RequestReprocess', showId: path.showId, now, actor, run }, { commandId: `reprocess:${requestId}`, correlationId: run.executionName, actor });
    const { state } = await loadShow(deps.store, path.showId);
    const source = state.upload?.source;
    if (!state.upload || !source) throw new HttpError(409, 'NOTHING_TO_REPROCESS', `Show ${path.showId} has no probed source to reprocess.`);
    const executionName = `reprocess-${requestId.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 60)}`;
    const { uploadId } = state.upload;
    await deps.startRun({ showId: path.showId, uploadId, bucket: deps.sourceBucket, key: source.key, sizeBytes: source.sizeBytes, etag: source.etag, executionName, reprocess: true });
    return json(202, { showId: path.showId, executionName });
  });
