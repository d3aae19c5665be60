import { logger } from './logger';
import { countMetric } from './metrics';

/**
 * What every stream consumer reports about records it leaves for Lambda to retry: a log line saying why, and the
 * StreamBatchFailures metric the operators' alarm watches. Spread into each consumer given to processStream.
 */
export const streamReporting = {
  logger,
  onRecordsLeft: (count: number) => countMetric('StreamBatchFailures', count),
};
