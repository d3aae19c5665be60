import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HttpRoute } from '../config';
import { createLambdaRuntime, type LambdaRuntime, type RunnableFunction } from '../lambda';
import { createLocalIssuer, startHttpApiGateway, type HttpApiGateway, type LocalIssuer } from './index';

const issuerUrl = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_test';
const audience = 'showrunner-test-client';

const fn = (key: string, timeoutSeconds = 10): RunnableFunction => ({
  key,
  name: `gateway-test-${key}`,
  handler: { file: join(__dirname, 'fixtures', 'handlers.ts'), export: key },
  environment: {},
  timeoutSeconds,
  memorySize: 128,
});

const routes: HttpRoute[] = [
  { method: 'GET', path: '/shows/{showId}', functionKey: 'echo', authorizer: { name: 'cognito' } },
  { method: 'GET', path: '/admin/shows/{showId}', functionKey: 'echo', authorizer: { name: 'cognito', scopes: ['shows/admin'] } },
  { method: 'GET', path: '/shows/special', functionKey: 'plain' },
  { method: 'POST', path: '/shows', functionKey: 'echo' },
  { method: 'ANY', path: '/files/{proxy+}', functionKey: 'echo' },
  { method: 'GET', path: '/text', functionKey: 'text' },
  { method: 'GET', path: '/cookies', functionKey: 'cookies' },
  { method: 'GET', path: '/binary', functionKey: 'binary' },
  { method: 'GET', path: '/fails', functionKey: 'fails' },
  { method: 'GET', path: '/slow', functionKey: 'slow' },
  { method: 'GET', path: '/bad', functionKey: 'badShape' },
];

interface EchoedEvent {
  routeKey: string;
  rawPath: string;
  rawQueryString: string;
  cookies?: string[];
  headers: Record<string, string>;
  queryStringParameters?: Record<string, string>;
  pathParameters?: Record<string, string>;
  body?: string;
  isBase64Encoded: boolean;
  requestContext: {
    routeKey: string;
    http: { method: string; path: string; sourceIp: string };
    authorizer?: { jwt: { claims: Record<string, string>; scopes: string[] | null } };
  };
}

describe('the local HTTP API gateway', () => {
  let lambda: LambdaRuntime;
  let issuer: LocalIssuer;
  let gateway: HttpApiGateway;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'gateway-test-'));
    issuer = await createLocalIssuer({ dataDir, issuerUrl, audience });
    lambda = createLambdaRuntime({ functions: [fn('echo'), fn('plain'), fn('text'), fn('cookies'), fn('binary'), fn('fails'), fn('slow', 1), fn('badShape')] });
    gateway = await startHttpApiGateway({
      port: 0,
      routes,
      cors: {
        allowedOrigins: ['http://localhost:5173'],
        allowedHeaders: ['Content-Type', 'Authorization'],
        allowedMethods: ['GET', 'POST', 'OPTIONS'],
        allowCredentials: true,
        exposedResponseHeaders: ['x-custom'],
        maxAge: 600,
      },
      authorizers: { cognito: { type: 'jwt', identitySource: '$request.header.Authorization', issuerUrl, audience: [audience] } },
      invoke: (key, event) => lambda.invoke(key, event),
      issuer,
    });
  });
  afterAll(async () => {
    await gateway.stop();
    await lambda.stop();
  });

  const echoed = async (response: Response): Promise<EchoedEvent> => {
    expect(response.status).toBe(200);
    return (await response.json()) as EchoedEvent;
  };
  const bearer = async (options: Parameters<LocalIssuer['mint']>[0]) => ({ authorization: `Bearer ${await issuer.mint(options)}` });

  it('answers 404 {"message":"Not Found"} when no route matches', async () => {
    const response = await fetch(`${gateway.url}/nothing/here`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: 'Not Found' });
    expect(response.headers.get('apigw-requestid')).toBeTruthy();
  });

  it('builds the payload 2.0 event: raw path and query, lower-cased headers, cookies, text body, request context', async () => {
    const event = await echoed(
      await fetch(`${gateway.url}/shows?b=2&a=1&a=3`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Trace-Me': 'yes', Cookie: 'session=abc; theme=dark' },
        body: JSON.stringify({ title: 'Dune' }),
      }),
    );
    expect(event).toMatchObject({
      routeKey: 'POST /shows',
      rawPath: '/shows',
      rawQueryString: 'b=2&a=1&a=3',
      queryStringParameters: { a: '1,3', b: '2' },
      cookies: ['session=abc', 'theme=dark'],
      body: '{"title":"Dune"}',
      isBase64Encoded: false,
      requestContext: { routeKey: 'POST /shows', http: { method: 'POST', path: '/shows', sourceIp: '127.0.0.1' } },
    });
    expect(event.headers).toMatchObject({ 'content-type': 'application/json', 'x-trace-me': 'yes' });
    expect(event.headers).not.toHaveProperty('cookie');
    expect(event.pathParameters).toBeUndefined();
  });

  it('base64-encodes a binary request body', async () => {
    const event = await echoed(await fetch(`${gateway.url}/shows`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: Buffer.from([0, 255, 1]) }));
    expect(event).toMatchObject({ isBase64Encoded: true, body: Buffer.from([0, 255, 1]).toString('base64') });
  });

  it('routes a greedy {proxy+} path with any method, and prefers a literal path over a variable', async () => {
    const event = await echoed(await fetch(`${gateway.url}/files/a/b%20c/d.txt`, { method: 'DELETE' }));
    expect(event).toMatchObject({ routeKey: 'ANY /files/{proxy+}', pathParameters: { proxy: 'a/b c/d.txt' } });
    const special = await fetch(`${gateway.url}/shows/special`);
    expect(await special.json()).toEqual({ hello: 'world' });
  });

  describe('JWT authorizer', () => {
    it('refuses a request without a token', async () => {
      const response = await fetch(`${gateway.url}/shows/show-1`);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ message: 'Unauthorized' });
      expect(response.headers.get('www-authenticate')).toContain('invalid_token');
    });

    it('refuses a token signed by another key, expired, not valid yet, issued in the future, for another audience or issuer', async () => {
      const stranger = await createLocalIssuer({ dataDir: mkdtempSync(join(tmpdir(), 'gateway-stranger-')), issuerUrl, audience });
      const clockAhead = await createLocalIssuer({ dataDir, issuerUrl, audience, now: () => Date.now() + 600_000 });
      const otherIssuer = await createLocalIssuer({ dataDir, issuerUrl: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_other', audience });
      const tokens = [
        await stranger.mint({ sub: 'mallory' }),
        await issuer.mint({ sub: 'alice', expiresInSeconds: -5 }),
        await issuer.mint({ sub: 'alice', notBeforeSeconds: 600 }),
        await issuer.mint({ sub: 'alice', audience: 'another-client' }),
        await issuer.mint({ sub: 'alice', tokenUse: 'id', audience: 'another-client' }),
        await clockAhead.mint({ sub: 'alice' }),
        await otherIssuer.mint({ sub: 'alice' }),
        'not-a-jwt',
      ];
      for (const token of tokens) {
        const response = await fetch(`${gateway.url}/shows/show-1`, { headers: { authorization: `Bearer ${token}` } });
        expect(response.status).toBe(401);
        expect(await response.json()).toEqual({ message: 'Unauthorized' });
      }
    });

    it('passes claims, rendered as API Gateway renders them, to the handler', async () => {
      const event = await echoed(await fetch(`${gateway.url}/shows/show-1`, { headers: await bearer({ sub: 'alice', groups: ['admin', 'reviewer'] }) }));
      expect(event.pathParameters).toEqual({ showId: 'show-1' });
      const jwt = event.requestContext.authorizer?.jwt;
      expect(jwt?.scopes).toBeNull();
      expect(jwt?.claims).toMatchObject({
        sub: 'alice',
        'cognito:groups': '[admin reviewer]',
        token_use: 'access',
        client_id: audience,
        iss: issuerUrl,
        scope: 'aws.cognito.signin.user.admin',
      });
      expect(jwt?.claims.exp).toMatch(/^\d+$/);
    });

    it('accepts an ID token by its aud, and a token without the Bearer prefix', async () => {
      const idToken = await issuer.mint({ sub: 'bob', tokenUse: 'id', email: 'bob@example.com' });
      expect((await echoed(await fetch(`${gateway.url}/shows/1`, { headers: { authorization: `Bearer ${idToken}` } }))).requestContext.authorizer?.jwt.claims.aud).toBe(audience);
      expect((await fetch(`${gateway.url}/shows/1`, { headers: { authorization: idToken } })).status).toBe(200);
    });

    it('answers 403 when the token has none of the route scopes, and passes the scopes when it has one', async () => {
      const reader = await fetch(`${gateway.url}/admin/shows/1`, { headers: await bearer({ sub: 'alice', scopes: ['shows/read'] }) });
      expect(reader.status).toBe(403);
      expect(await reader.json()).toEqual({ message: 'Forbidden' });
      const admin = await echoed(await fetch(`${gateway.url}/admin/shows/1`, { headers: await bearer({ sub: 'alice', scopes: ['shows/read', 'shows/admin'] }) }));
      expect(admin.requestContext.authorizer?.jwt.scopes).toEqual(['shows/read', 'shows/admin']);
    });

    it('serves the issuer JWKS and OpenID configuration, and keeps its key across restarts', async () => {
      const jwks = (await (await fetch(`${gateway.url}/.well-known/jwks.json`)).json()) as { keys: { kid: string; d?: string }[] };
      expect(jwks.keys).toHaveLength(1);
      expect(jwks.keys[0]?.kid).toBe(issuer.keyId);
      expect(jwks.keys[0]).not.toHaveProperty('d');
      const discovery = (await (await fetch(`${gateway.url}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
      expect(discovery).toMatchObject({ issuer: issuerUrl, jwks_uri: `${gateway.url}/.well-known/jwks.json` });
      const restarted = await createLocalIssuer({ dataDir, issuerUrl, audience });
      expect(restarted.keyId).toBe(issuer.keyId);
      const response = await fetch(`${gateway.url}/shows/1`, { headers: { authorization: `Bearer ${await restarted.mint({ sub: 'carol' })}` } });
      expect(response.status).toBe(200);
    });
  });

  describe('result mapping', () => {
    it('sends a plain object as 200 JSON and a string as its text', async () => {
      const object = await fetch(`${gateway.url}/shows/special`);
      expect(object.headers.get('content-type')).toBe('application/json');
      expect(await object.json()).toEqual({ hello: 'world' });
      expect(await (await fetch(`${gateway.url}/text`)).text()).toBe('just text');
    });

    it('maps statusCode, headers and cookies', async () => {
      const response = await fetch(`${gateway.url}/cookies`);
      expect(response.status).toBe(201);
      expect(response.headers.get('x-custom')).toBe('yes');
      expect(response.headers.get('x-count')).toBe('2');
      expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2']);
    });

    it('decodes a base64 body', async () => {
      const response = await fetch(`${gateway.url}/binary`);
      expect(Buffer.from(await response.arrayBuffer())).toEqual(Buffer.from([0, 1, 2, 255]));
    });

    it('answers 500 on a function error or a malformed result, and 503 on a timeout', async () => {
      const failed = await fetch(`${gateway.url}/fails`);
      expect(failed.status).toBe(500);
      expect(await failed.json()).toEqual({ message: 'Internal Server Error' });
      const malformed = await fetch(`${gateway.url}/bad`);
      expect(malformed.status).toBe(500);
      expect(await malformed.json()).toEqual({ message: 'Internal Server Error' });
      const slow = await fetch(`${gateway.url}/slow`);
      expect(slow.status).toBe(503);
      expect(await slow.json()).toEqual({ message: 'Service Unavailable' });
    });

    it('refuses a body over 10 MB with 413', async () => {
      const response = await fetch(`${gateway.url}/shows`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(10 * 1024 * 1024 + 1) });
      expect(response.status).toBe(413);
    });
  });

  describe('CORS', () => {
    it('answers a preflight itself, before any authorizer', async () => {
      const response = await fetch(`${gateway.url}/shows/1`, {
        method: 'OPTIONS',
        headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
      expect(response.status).toBe(204);
      expect(Object.fromEntries(response.headers)).toMatchObject({
        'access-control-allow-origin': 'http://localhost:5173',
        'access-control-allow-methods': 'GET,POST,OPTIONS',
        'access-control-allow-headers': 'Content-Type,Authorization',
        'access-control-allow-credentials': 'true',
        'access-control-max-age': '600',
      });
    });

    it("replaces the function's CORS headers with the configured ones, and gives none to a foreign origin", async () => {
      const allowed = await fetch(`${gateway.url}/shows/1`, { headers: { origin: 'http://localhost:5173', ...(await bearer({ sub: 'alice' })) } });
      expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      expect(allowed.headers.get('access-control-expose-headers')).toBe('x-custom');
      const foreign = await fetch(`${gateway.url}/shows/1`, { headers: { origin: 'https://evil.example', ...(await bearer({ sub: 'alice' })) } });
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  it('sends everything unmatched to a $default route when there is one', async () => {
    const fallback = await startHttpApiGateway({
      port: 0,
      routes: [{ method: 'ANY', path: '$default', functionKey: 'echo' }],
      cors: null,
      authorizers: {},
      invoke: (key, event) => lambda.invoke(key, event),
    });
    try {
      const event = await echoed(await fetch(`${fallback.url}/any/path?x=1`, { method: 'PUT' }));
      expect(event).toMatchObject({ routeKey: '$default', rawPath: '/any/path', requestContext: { http: { method: 'PUT' } } });
    } finally {
      await fallback.stop();
    }
  });
});
