import { health } from './handler';

describe('health', () => {
  it('answers 200 with a JSON status', async () => {
    const response = await health();
    expect(response).toMatchObject({ statusCode: 200, body: JSON.stringify({ status: 'ok' }) });
  });
});
