import * as z from 'zod';
import { configOnce } from '../runtime/config';
import { eventStore } from '../runtime/eventStore';
import { lambdaHandler } from '../runtime/lambda';
import { logger } from '../runtime/logger';
import { countMetric } from '../runtime/metrics';
import { sfnClient } from '../runtime/sdk/sfn';
import { sfnWorkflowExecutions } from './executions';
import { reconcile } from './reconcile';

const minute = 60_000;

const config = configOnce(
  z.object({
    PUBLISH_STATE_MACHINE_ARN: z.string().min(1),
    // A run's last record lands before the run ends, so a short wait past the end is enough in every stage.
    STRANDED_AFTER_MINUTES: z.coerce.number().int().positive().default(10),
    // Ended runs are looked at for this long: 12 rounds of 5 minutes, so an hour of reconciler outage loses nothing.
    LOOKBACK_MINUTES: z.coerce.number().int().positive().default(60),
  }),
  'workflow reconciler configuration',
)();

const after = config.STRANDED_AFTER_MINUTES * minute;
const run = reconcile({
  store: eventStore(),
  executions: sfnWorkflowExecutions(sfnClient(), config.PUBLISH_STATE_MACHINE_ARN),
  deadlinesMs: { ingest: after, transcode: after, review: after, publish: after },
  lookbackMs: config.LOOKBACK_MINUTES * minute,
  now: () => new Date().toISOString(),
  count: countMetric,
});

/** Every 5 minutes (functions/operations/functions.yml): records the failure of runs that stranded their show. */
export const handler = lambdaHandler(async () => {
  const outcome = await run();
  if (outcome.stranded.length > 0) logger.warn('stranded shows recorded as failed', outcome);
  return outcome;
});
