import { health } from './handler';

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
});
