import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { LambdaFunctionError, UnknownFunctionError } from '../lambda';
import { startLambdaInvokeApi } from './lambdaInvokeApi';

describe("the local Lambda Invoke API, through the real SDK client", () => {
  let api: Awaited<ReturnType<typeof startLambdaInvokeApi>>;
  let client: LambdaClient;
  const invoked: Array<[string, unknown]> = [];

  beforeAll(async () => {
    api = await startLambdaInvokeApi(async (name, payload) => {
      invoked.push([name, payload]);
      if (name === 'broken') throw new LambdaFunctionError(name, 'ProjectionError', 'table gone', ['ProjectionError: table gone']);
      if (name !== 'echo') throw new UnknownFunctionError(name, ['echo', 'broken']);
      return { batchItemFailures: [], got: payload };
    });
    client = new LambdaClient({ region: 'eu-west-1', endpoint: api.endpoint, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
  });
  afterAll(async () => {
    client.destroy();
    await api.stop();
  });

  const decode = (bytes: Uint8Array | undefined) => JSON.parse(new TextDecoder().decode(bytes)) as unknown;

  it('runs the function named by its name or ARN and answers its result', async () => {
    const out = await client.send(new InvokeCommand({ FunctionName: 'arn:aws:lambda:eu-west-1:000000000000:function:echo', Payload: new TextEncoder().encode('{"Records":[1]}') }));
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBeUndefined();
    expect(decode(out.Payload)).toEqual({ batchItemFailures: [], got: { Records: [1] } });
    expect(invoked.at(-1)).toEqual(['echo', { Records: [1] }]);
  });

  it("answers a function's error as Lambda does: 200, X-Amz-Function-Error and the error as the payload", async () => {
    const out = await client.send(new InvokeCommand({ FunctionName: 'broken', Payload: new TextEncoder().encode('{}') }));
    expect(out.FunctionError).toBe('Unhandled');
    expect(decode(out.Payload)).toEqual({ errorType: 'ProjectionError', errorMessage: 'table gone', trace: ['ProjectionError: table gone'] });
  });

  it('refuses an unknown function, an invocation type it does not run and a body that is not JSON', async () => {
    await expect(client.send(new InvokeCommand({ FunctionName: 'nobody' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 404 } });
    await expect(client.send(new InvokeCommand({ FunctionName: 'echo', InvocationType: 'Event' }))).rejects.toMatchObject({ name: 'InvalidParameterValueException' });
    await expect(client.send(new InvokeCommand({ FunctionName: 'echo', Payload: new TextEncoder().encode('{nope') }))).rejects.toMatchObject({ name: 'InvalidRequestContentException' });
  });
});
