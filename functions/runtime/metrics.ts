import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/** The metrics operators are alarmed on (functions/operations/resources.yml): add, never rename. */
export type OperatorMetric = 'WorkflowFailed' | 'StuckShows' | 'StreamBatchFailures' | 'Api5xx';

/**
 * One Powertools Metrics per container, namespace `Showrunner`, service from POWERTOOLS_SERVICE_NAME: each count is
 * written at once as its own EMF line on stdout, which CloudWatch turns into a metric, so no handler needs a flush
 * middleware and a count survives the invocation failing right after it.
 */
const metrics = new Metrics({ namespace: 'Showrunner' });

/**
 * Counts `value` occurrences of an operator metric. Its only dimension is `service` (Powertools adds it): the
 * alarms name exactly that dimension set, and a metric with another set would be a different metric to them.
 */
export const countMetric = (name: OperatorMetric, value = 1): void => {
  metrics.singleMetric().addMetric(name, MetricUnit.Count, value);
};
