import { sfnWorkflowExecutions } from '../../operations/executions';
import { eventStore } from '../../runtime/eventStore';
import { sfnClient } from '../../runtime/sdk/sfn';
import { publishWorkflowConfig, workflowConfig } from '../config';
import { startRun } from '../workflowRuns';
import { retryIngestRoute } from './retryIngestApi';

const { PUBLISH_STATE_MACHINE_ARN: stateMachineArn } = publishWorkflowConfig();

/** POST /shows/{showId}/ingest/retry, wired to this container's clients (config read once, at load). */
export const handler = retryIngestRoute({
  store: eventStore(),
  sourceBucket: workflowConfig().SOURCE_BUCKET,
  startRun: (run) => startRun(sfnClient(), stateMachineArn, run),
  executions: sfnWorkflowExecutions(sfnClient(), stateMachineArn),
});
