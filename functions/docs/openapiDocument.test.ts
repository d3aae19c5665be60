import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { loadServerlessConfig } from '../../local/config/loadServerlessConfig';
import { isSignedIn, methodAndPath } from '../http/route';
import { allRoutes, apiTags } from './allRoutes';
import { openApiDocument } from './openapiDocument';

type Operation = { security: unknown[]; responses: Record<string, unknown>; tags: string[] };
const document = openApiDocument(allRoutes, apiTags) as unknown as { paths: Record<string, Record<string, Operation>> };

type RouteDoc = (typeof allRoutes)[number];
const operationOf = (doc: RouteDoc): Operation | undefined => {
  const { method, path } = methodAndPath(doc);
  return document.paths[path]?.[method.toLowerCase()];
};
const needsRole = (doc: RouteDoc): boolean => doc.access !== 'public' && doc.access.roles.length > 0;

describe('GET /api-docs: the OpenAPI document of every route', () => {
  it('documents exactly the HTTP routes serverless.yml serves, with the authorizer each has', async () => {
    const service = await loadServerlessConfig({ serviceDir: resolve(__dirname, '../..'), env: {} });
    const served = service.httpRoutes.map((r) => `${r.method} ${r.path}${r.authorizer === undefined ? '' : ' (signed in)'}`).sort();
    const documented = allRoutes.map((r) => `${r.routeKey}${isSignedIn(r) ? ' (signed in)' : ''}`).sort();
    expect(documented).toEqual(served);
  });

  it('gives each operation one tag, its security (none on public routes) and the answers its access implies', () => {
    for (const doc of allRoutes) {
      const operation = operationOf(doc);
      expect(operation?.tags).toEqual([doc.tag]);
      expect(operation?.security).toEqual(isSignedIn(doc) ? [{ cognito: [] }] : []);
      const answers = Object.keys(operation?.responses ?? {});
      if (isSignedIn(doc)) expect(answers).toContain('401');
      if (needsRole(doc)) expect(answers).toContain('403');
      expect(answers).toContain('500');
    }
  });

  it('has unique operation ids', () => {
    const ids = allRoutes.map((r) => r.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("passes Redocly's recommended lint with no error", () => {
    // The committed document (client/openapi.json) is the generated one: client/client.test.ts fails otherwise.
    const output = execFileSync(resolve(__dirname, '../../node_modules/.bin/redocly'), ['lint', 'client/openapi.json', '--extends', 'recommended', '--format', 'json'], {
      cwd: resolve(__dirname, '../..'),
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    });
    const report = JSON.parse(output) as { totals: { errors: number }; problems: { message: string; severity: string }[] };
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(report.totals.errors).toBe(0);
  });
});
