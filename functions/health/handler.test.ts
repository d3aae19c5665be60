import { readHealthConfig } from './config';
import { health } from './handler';
import { createProbes } from './probes';

describe('health', () => {
  it('answers 200 when every dependency answers', async () => {
    const response = await health({ dynamodb: async () => ({}), sfn: async () => ({}) });
    expect(response).toMatchObject({ statusCode: 200 });
    expect(JSON.parse(String((response as { body: string }).body))).toEqual({ status: 'ok', parts: { dynamodb: 'up', sfn: 'up' } });
  });

  it('answers 503 naming the dependency that does not', async () => {
    const response = await health({ dynamodb: async () => ({}), eventbridge: () => Promise.reject(new Error('unreachable')) });
    expect(response).toMatchObject({ statusCode: 503 });
    expect(JSON.parse(String((response as { body: string }).body))).toEqual({ status: 'degraded', parts: { dynamodb: 'up', eventbridge: 'down' } });
  });

  it('probes every part, and the payment gateway only where it is ours (RAZORPAY_API_URL set, as the local cloud does)', () => {
    const base = { EVENTS_TABLE: 'e', EVENT_BUS_NAME: 'b', MEDIA_BUCKET: 'm', USER_POOL_ID: 'eu-west-1_x', STREAM_DEAD_LETTER_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/000000000000/dlq' };
    expect(Object.keys(createProbes(readHealthConfig(base))).sort()).toEqual(['cognito', 'dynamodb', 'eventbridge', 'mediaconvert', 's3', 'sfn', 'sqs']);
    expect(Object.keys(createProbes(readHealthConfig({ ...base, RAZORPAY_API_URL: 'http://127.0.0.1:4580' })))).toContain('payments');
    expect(() => readHealthConfig({ EVENTS_TABLE: 'e', EVENT_BUS_NAME: 'b' })).toThrow('MEDIA_BUCKET, USER_POOL_ID, STREAM_DEAD_LETTER_QUEUE_URL');
  });
});
