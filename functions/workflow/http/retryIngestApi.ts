import type { EventStore } from '../../../adapters/eventstore';
import { currentRunOf, showStreamId } from '../../../domain/show';
import { notFound } from '../../http/errors';
import { httpHandler } from '../../http/httpHandler';
import { json } from '../../http/response';
import type { WorkflowExecutions } from '../../operations/executions';
import { creatorIn } from '../../shows/creatorOf';
import { executeShowCommand, loadShow } from '../../shows/showCommands';
import { workflowRoutes } from '../routes';
import type { Run } from '../workflowInput';

export interface RetryIngestDeps {
  readonly store: EventStore;
  readonly sourceBucket: string;
  /** Starts a run of the publish workflow (Step Functions' StartExecution in the container). */
  readonly startRun: (run: Run & { retryIngest: true }) => Promise<unknown>;
  /** What Step Functions says of the run behind the show (DescribeExecution). */
  readonly executions: Pick<WorkflowExecutions, 'statusOf'>;
}

/** The run behind the show, for its creator or an admin; anyone else learns nothing of the show (404). */
const runBehindFor = async (deps: RetryIngestDeps, showId: string, caller: { userId: string; roles: readonly string[] } | undefined) => {
  const { events } = await deps.store.readStream(showStreamId(showId));
  const creatorId = creatorIn(events);
  const mayRetry = creatorId !== undefined && (creatorId === caller?.userId || caller?.roles.includes('admin') === true);
  const behind = currentRunOf(events);
  if (!mayRetry || behind === null) throw notFound(`show ${showId}`);
  return { executionName: behind.executionName, status: await deps.executions.statusOf(behind.executionName) };
};

/**
 * POST /shows/{showId}/ingest/retry (the show's creator, admins): the Show decider's RetryIngest says whether the
 * failed ingest may run again on the recorded source; if so the retry is recorded under the new run's name, then the
 * run starts from ingest. Should the start fail after the record, the show stands uploaded behind a run that never
 * began: the reconciler records it as stranded, and the retry may be asked again.
 */
export const retryIngestRoute = (deps: RetryIngestDeps) =>
  httpHandler(workflowRoutes.retryIngest, async ({ path, requestId, caller, now }) => {
    const run = await runBehindFor(deps, path.showId, caller);
    const executionName = `retry-ingest-${requestId.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 60)}`;
    const actor = { id: caller?.userId ?? 'unknown', kind: 'user' as const };
    await executeShowCommand(deps.store, { type: 'RetryIngest', showId: path.showId, now, actor, run, executionName }, { commandId: `retry-ingest:${requestId}`, correlationId: executionName, actor });
    const { state } = await loadShow(deps.store, path.showId);
    const { upload } = state;
    // The decider accepted the retry only with a recorded source.
    if (upload?.source == null) throw new Error(`show ${path.showId} accepted an ingest retry without a recorded source`);
    await deps.startRun({ showId: path.showId, uploadId: upload.uploadId, bucket: deps.sourceBucket, key: upload.source.key, sizeBytes: upload.source.sizeBytes, etag: upload.source.etag, executionName, retryIngest: true });
    return json(202, { showId: path.showId, executionName });
  });
