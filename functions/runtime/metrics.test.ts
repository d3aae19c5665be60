import { captureMetrics } from './testing/captureMetrics';

describe('operator metrics', () => {
  it('writes each count at once as an EMF line in the Showrunner namespace, with the service as its dimension (what the alarms name)', async () => {
    const emitted = await captureMetrics(async () => {
      const { countMetric } = await import('./metrics');
      countMetric('WorkflowFailed');
      countMetric('StuckShows', 3);
    });
    expect(emitted).toEqual([
      expect.objectContaining({ WorkflowFailed: 1, service: 'showrunner-test' }),
      expect.objectContaining({ StuckShows: 3, service: 'showrunner-test' }),
    ]);
    expect(emitted[0]?._aws).toMatchObject({
      CloudWatchMetrics: [{ Namespace: 'Showrunner', Dimensions: [["service"]], Metrics: [{ Name: 'WorkflowFailed', Unit: 'Count' }] }],
    });
  });
});

describe('operator metrics at their sources', () => {
  it('counts an API answer of 500, and not a refusal', async () => {
    const emitted = await captureMetrics(async () => {
      const { errorResponse } = await import('../http/httpHandler');
      const { HttpError } = await import('../http/errors');
      expect(errorResponse(new HttpError(404, 'not_found', 'no such show'), {}).statusCode).toBe(404);
      expect(errorResponse(new Error('the table is gone'), {}).statusCode).toBe(500);
    });
    expect(emitted).toEqual([expect.objectContaining({ Api5xx: 1 })]);
  });
});
