import { join } from 'node:path';
import { loadServerlessConfig } from '../config';
import { createLambdaRuntime } from '../lambda';
import { startHttpApiGateway } from './index';

describe("the gateway on the project's serverless.yml", () => {
  it('serves GET /health from the real handler, declared once in serverless.yml', async () => {
    const service = await loadServerlessConfig({ serviceDir: join(__dirname, '..', '..') });
    const lambda = createLambdaRuntime({ functions: service.functions, region: service.region });
    const gateway = await startHttpApiGateway({ port: 0, routes: service.httpRoutes, ...service.httpApi, invoke: (key, event) => lambda.invoke(key, event) });
    try {
      // 200 or 503 is the handler's verdict on its dependencies; the gateway's job is to deliver either.
      const response = await fetch(`${gateway.url}/health`);
      expect([200, 503]).toContain(response.status);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.json()).toHaveProperty('status');
      expect((await fetch(`${gateway.url}/health`, { method: 'POST' })).status).toBe(404);
    } finally {
      await gateway.stop();
      await lambda.stop();
    }
  });
});
