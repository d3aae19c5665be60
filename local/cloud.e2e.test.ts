import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DynamoDBClient, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DescribeExecutionCommand, ListExecutionsCommand, ListStateMachinesCommand, SFNClient, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { localCredentials, startLocalCloud, type LocalCloud } from './cloud';
import { createLocalIssuer } from './gateway';

/**
 * The local cloud started from a fixture serverless.yml, driven only through its public endpoints with the real
 * AWS SDK and HTTP, as a user would. Fixture handlers record what reached them in a real table.
 */
describe('the local cloud, end to end', () => {
  const workDir = mkdtempSync(join(tmpdir(), 'cloud-'));
  const dataDir = join(workDir, 'data');
  let cloud: LocalCloud;
  let dynamodb: DynamoDBClient;

  beforeAll(async () => {
    cloud = await startLocalCloud(
      {
        ports: { api: 0, edge: 0, dynamodb: 0, s3: 0 },
        dataDir,
        stage: 'test',
        configPath: resolve('local/fixtures/e2e/serverless.yml'),
      },
      (line) => process.env.DEBUG_CLOUD && console.log(line),
    );
    dynamodb = new DynamoDBClient({ endpoint: cloud.endpoints.dynamodb, region: 'us-east-1', credentials: localCredentials });
  }, 120_000);

  afterAll(async () => {
    dynamodb.destroy();
    await cloud.stop();
    rmSync(workDir, { recursive: true, force: true });
  }, 120_000);

  const recorded = async (recorder: string): Promise<unknown[]> => {
    const out = await dynamodb.send(
      new QueryCommand({ TableName: 'e2e-invocations', KeyConditionExpression: 'recorder = :r', ExpressionAttributeValues: { ':r': { S: recorder } }, ConsistentRead: true }),
    );
    return (out.Items ?? []).map((item) => JSON.parse(item.payload?.S ?? 'null') as unknown);
  };

  const eventually = async <T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> => {
    let value = await read();
    for (let i = 0; i < 150 && !done(value); i += 1) {
      await new Promise((r) => setTimeout(r, 100));
      value = await read();
    }
    return value;
  };

  it('writes every endpoint to endpoints.json', () => {
    const written = JSON.parse(readFileSync(join(workDir, 'endpoints.json'), 'utf8')) as Record<string, string>;
    expect(written).toEqual(cloud.endpoints);
    expect(Object.keys(written).sort()).toEqual(['api', 'cognito', 'dynamodb', 'eventbridge', 'lambda', 'mediaconvert', 'payments', 's3', 'sfn', 'sqs']);
  });

  it('routes an HTTP request to its handler, enforcing the JWT authorizer', async () => {
    const anonymous = await fetch(`${cloud.endpoints.api}/whoami/hello`);
    expect(anonymous.status).toBe(401);

    const issuer = await createLocalIssuer({ dataDir, issuerUrl: cloud.service.httpApi.authorizers.local?.issuerUrl ?? '', audience: 'showrunner' });
    const token = await issuer.mint({ sub: 'alice', groups: ['creator'] });
    const response = await fetch(`${cloud.endpoints.api}/whoami/hello`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ greeting: 'hello', sub: 'alice', routeKey: 'GET /whoami/{greeting}', table: 'e2e-invocations' });
  });

  it('delivers an event put on the bus to exactly the functions whose rules match', async () => {
    const events = new EventBridgeClient({ endpoint: cloud.endpoints.eventbridge, region: 'us-east-1', credentials: localCredentials });
    const put = await events.send(
      new PutEventsCommand({
        Entries: [
          { EventBusName: 'e2e-bus', Source: 'showrunner.catalog', DetailType: 'ShowDrafted', Detail: JSON.stringify({ showId: 's-1', premium: false }) },
          { EventBusName: 'e2e-bus', Source: 'showrunner.payments', DetailType: 'PaymentCaptured', Detail: JSON.stringify({ premium: true }) },
          { EventBusName: 'default', Source: 'showrunner.catalog', DetailType: 'ShowDrafted', Detail: JSON.stringify({ showId: 'wrong-bus', premium: true }) },
        ],
      }),
    );
    events.destroy();
    expect(put.FailedEntryCount).toBe(0);
    await cloud.eventBridge.idle();
    const drafted = (await recorded('draftedRecorder')) as Array<{ detail: { showId: string } }>;
    const premium = (await recorded('premiumRecorder')) as Array<{ 'detail-type': string }>;
    expect(drafted.map((e) => e.detail.showId)).toEqual(['s-1']);
    expect(premium.map((e) => e['detail-type'])).toEqual(['PaymentCaptured']);
  });

  it('turns an object written to an EventBridge-enabled bucket into an "Object Created" event that reaches its rule', async () => {
    const s3 = new S3Client({ endpoint: cloud.endpoints.s3, region: 'us-east-1', forcePathStyle: true, credentials: localCredentials });
    await s3.send(new PutObjectCommand({ Bucket: 'e2e-uploads', Key: 'shows/s-9/source.MP4', Body: 'bytes' }));
    await s3.send(new PutObjectCommand({ Bucket: 'e2e-uploads', Key: 'shows/s-9/notes.txt', Body: 'not a video' }));
    s3.destroy();
    const uploads = await eventually(
      async () => (await recorded('uploadRecorder')) as Array<{ source: string; detail: { object: { key: string; size: number } } }>,
      (items) => items.length >= 1,
    );
    await cloud.eventBridge.idle();
    expect(uploads.map((e) => [e.source, e.detail.object.key, e.detail.object.size])).toEqual([['aws.s3', 'shows/s-9/source.MP4', 5]]);
  });

  it('starts the state machine a rule targets, runs its Lambda task, and resumes its callback task on SendTaskSuccess', async () => {
    const events = new EventBridgeClient({ endpoint: cloud.endpoints.eventbridge, region: 'us-east-1', credentials: localCredentials });
    const sfn = new SFNClient({ endpoint: cloud.endpoints.sfn, region: 'us-east-1', credentials: localCredentials });
    await events.send(
      new PutEventsCommand({ Entries: [{ EventBusName: 'e2e-bus', Source: 'showrunner.catalog', DetailType: 'ReviewRequested', Detail: JSON.stringify({ showId: 's-7' }) }] }),
    );
    const wanted = await eventually(
      async () => (await recorded('decisionRecorder')) as Array<{ detail: { taskToken: string; showId: string } }>,
      (items) => items.length >= 1,
    );
    expect(wanted.map((e) => e.detail.showId)).toEqual(['s-7']);
    expect(((await recorded('stepRecorder')) as Array<{ detail: { showId: string } }>).map((e) => e.detail.showId)).toEqual(['s-7']);

    await sfn.send(new SendTaskSuccessCommand({ taskToken: wanted[0]?.detail.taskToken ?? '', output: JSON.stringify({ decision: 'approve' }) }));
    const machines = await sfn.send(new ListStateMachinesCommand({}));
    const arn = machines.stateMachines?.find((m) => m.name === 'e2e-approval')?.stateMachineArn ?? '';
    const finished = await eventually(
      () => sfn.send(new ListExecutionsCommand({ stateMachineArn: arn })),
      (out) => out.executions?.[0]?.status === 'SUCCEEDED',
    );
    const description = await sfn.send(new DescribeExecutionCommand({ executionArn: finished.executions?.[0]?.executionArn ?? '' }));
    events.destroy();
    sfn.destroy();
    expect(description.status).toBe('SUCCEEDED');
    expect(JSON.parse(description.output ?? 'null')).toEqual({ decision: 'approve' });
  });

  it('retries a stream batch from the failed record without losing or reordering the others', async () => {
    const keys = ['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7'];
    for (const key of keys) {
      await dynamodb.send(new PutItemCommand({ TableName: 'e2e-source', Item: { pk: { S: key }, failOnce: { BOOL: key === 'k3' } } }));
    }
    const handled = await eventually(
      async () => ((await recorded('streamConsumer')) as Array<{ pk: string }>).map((r) => r.pk),
      (pks) => pks.length >= keys.length,
    );
    expect(handled).toEqual(keys);
  });
});
