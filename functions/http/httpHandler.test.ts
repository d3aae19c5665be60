import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { z } from 'zod';
import { WrongExpectedVersionError } from '../../adapters/eventstore';
import { CommandRefusedError } from '../../domain/decider';
import { logger } from '../runtime/logger';
import { httpHandler } from './httpHandler';
import { json } from './response';

const event = (overrides: Partial<APIGatewayProxyEventV2> & { claims?: Record<string, string> } = {}): APIGatewayProxyEventV2 => {
  const { claims, ...rest } = overrides;
  return {
    version: '2.0',
    routeKey: 'POST /things/{thingId}',
    rawPath: '/things/t-1',
    rawQueryString: '',
    headers: {},
    pathParameters: { thingId: 't-1' },
    isBase64Encoded: false,
    requestContext: {
      requestId: 'req-1',
      ...(claims === undefined ? {} : { authorizer: { jwt: { claims, scopes: null } } }),
    } as unknown as APIGatewayProxyEventV2['requestContext'],
    ...rest,
  };
};
const context = {} as Context;
const call = async (handler: ReturnType<typeof httpHandler>, e: APIGatewayProxyEventV2) => {
  const result = await handler(e, context);
  return { status: result.statusCode, body: JSON.parse(String(result.body ?? 'null')) as Record<string, unknown> };
};

const echo = httpHandler(
  { body: z.strictObject({ name: z.string().min(1) }), path: z.object({ thingId: z.string() }), access: { roles: ['creator', 'admin'] } },
  async ({ body, path, caller, requestId }) => json(201, { name: body.name, thingId: path.thingId, caller, requestId }),
);

describe('httpHandler', () => {
  it('hands the handler parsed parts and the caller from the JWT claims', async () => {
    const answer = await call(echo, event({ body: '{"name":"Pilot"}', claims: { sub: 'u-1', 'cognito:groups': '[creator reviewer]' } }));
    expect(answer).toEqual({
      status: 201,
      body: { name: 'Pilot', thingId: 't-1', caller: { userId: 'u-1', roles: ['viewer', 'creator', 'reviewer'] }, requestId: 'req-1' },
    });
  });

  it('answers 400 naming each invalid field, without running the handler', async () => {
    const answer = await call(echo, event({ body: '{"name":"","extra":1}', claims: { sub: 'u-1', 'cognito:groups': '[admin]' } }));
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: 'invalid_request' });
    expect((answer.body.details as Array<{ path: string }>).map((d) => d.path).sort()).toEqual(['', 'name']);
  });

  it('says what is wrong in one sentence per problem, naming each field, with no validation jargon', async () => {
    const strict = httpHandler(
      { body: z.strictObject({ title: z.string().min(1), stars: z.number().int().max(5), kind: z.enum(['film', 'series']), at: z.iso.datetime() }), access: 'public' },
      async () => json(200, {}),
    );
    const answer = await call(strict, event({ body: '{"title":"","stars":"five","kind":"book","at":"yesterday","extra":1}' }));
    expect(answer.status).toBe(400);
    expect(answer.body.message).toBe(
      "the request's body is not valid: body.title must not be empty; body.stars must be a number; body.kind must be one of \"film\", \"series\"; " +
        'body.at must be a date and time (ISO 8601, e.g. 2026-03-01T10:00:00Z); body has a field it does not take, extra: remove it',
    );
    expect(answer.body.details).toContainEqual({ where: 'body', path: 'stars', message: 'must be a number' });
    expect(await call(strict, event({ body: '{}' }))).toMatchObject({ body: { message: expect.stringContaining('body.title is required') } });
    expect(await call(strict, event({ body: '{"title":"x","stars":9,"kind":"film","at":"2026-03-01T10:00:00Z"}' }))).toMatchObject({ body: { message: "the request's body is not valid: body.stars must be at most 5" } });
  });

  it('answers 404 for a show that does not exist, not a conflict', async () => {
    const missing = httpHandler({ access: 'public' }, async () => {
      throw new CommandRefusedError('SHOW_NOT_FOUND', 'Show s-1 does not exist: draft it first.');
    });
    expect(await call(missing, event())).toEqual({ status: 404, body: { error: 'SHOW_NOT_FOUND', message: 'Show s-1 does not exist: draft it first.' } });
  });

  it('answers 400 for a body that is not JSON', async () => {
    expect(await call(echo, event({ body: '{nope', claims: { sub: 'u-1', 'cognito:groups': '[admin]' } }))).toMatchObject({ status: 400, body: { error: 'invalid_json' } });
  });

  it('answers 401 without a caller and 403 without a needed role', async () => {
    expect(await call(echo, event({ body: '{"name":"x"}' }))).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
    expect(await call(echo, event({ body: '{"name":"x"}', claims: { sub: 'u-2', 'cognito:groups': '[viewer]' } }))).toMatchObject({
      status: 403,
      body: { error: 'forbidden' },
    });
  });

  it('maps a refusal to 409 with its code, and a stale If-Match to 412', async () => {
    const refusing = httpHandler({ access: 'public' }, async () => {
      throw new CommandRefusedError('SHOW_NOT_APPROVED', 'approve the show before publishing it');
    });
    expect(await call(refusing, event())).toEqual({ status: 409, body: { error: 'SHOW_NOT_APPROVED', message: 'approve the show before publishing it' } });
    const stale = httpHandler({ access: 'public' }, async () => {
      throw new WrongExpectedVersionError('show#1', 3, 4);
    });
    expect(await call(stale, event({ headers: { 'if-match': '"3"' } }))).toEqual({
      status: 412,
      body: { error: 'precondition_failed', message: 'the show changed since you read it: GET it again, re-apply your change and send the new ETag in If-Match' },
    });
    expect((await call(stale, event())).status).toBe(409);
  });

  it('answers 500 without leaking the error', async () => {
    const failing = httpHandler({ access: 'public' }, async () => {
      throw new Error('secret connection string');
    });
    const answer = await call(failing, event());
    expect(answer.status).toBe(500);
    expect(JSON.stringify(answer.body)).not.toContain('secret');
  });

  it('logs with the Lambda context and the request id as correlation id, each invocation its own', async () => {
    const lines: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      const logging = httpHandler({ access: 'public', clock: () => new Date('2026-05-01T00:00:00.000Z') }, async ({ now }) => {
        logger.info('answering');
        return json(200, { now });
      });
      const lambda = { functionName: 'showrunner-dev-thing', awsRequestId: 'lambda-req-1' } as Context;
      expect((await logging(event(), lambda)).body).toBe('{"now":"2026-05-01T00:00:00.000Z"}');
      await logging(event({ requestContext: { requestId: 'req-2' } as unknown as APIGatewayProxyEventV2['requestContext'] }), lambda);
    } finally {
      write.mockRestore();
    }
    const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.message === 'answering');
    expect(logged.map((line) => [line.correlationId, line.function_name, line.function_request_id])).toEqual([
      ['req-1', 'showrunner-dev-thing', 'lambda-req-1'],
      ['req-2', 'showrunner-dev-thing', 'lambda-req-1'],
    ]);
  });
});
