import { join } from 'node:path';
import { loadServerlessConfig, ServerlessConfigError, type LocalService } from './index';

const fixtureDir = join(__dirname, 'fixtures', 'full');
const repoDir = join(__dirname, '..', '..');

describe('loadServerlessConfig on a fixture using every event kind', () => {
  let service: LocalService;
  beforeAll(async () => {
    service = await loadServerlessConfig({ serviceDir: fixtureDir, env: {} });
  });

  const fn = (key: string) => {
    const found = service.functions.find((candidate) => candidate.key === key);
    if (found === undefined) throw new Error(`no function ${key}`);
    return found;
  };

  it('resolves stage, region, names and the handler file and export', () => {
    expect(service).toMatchObject({ service: 'fixture', stage: 'test', region: 'eu-west-3', accountId: '000000000000' });
    expect(fn('getShow')).toMatchObject({ name: 'fixture-test-getShow', handler: { file: join(fixtureDir, 'functions', 'echo.ts'), export: 'handler' }, timeoutSeconds: 10, memorySize: 256 });
    expect(fn('fallback')).toMatchObject({ name: 'custom-fallback-name', timeoutSeconds: 3 });
  });

  it('merges provider and function environment, with variables and intrinsics resolved to local names and ARNs', () => {
    expect(fn('getShow').environment).toEqual({
      EVENTS_TABLE: 'fixture-test-events',
      EVENTS_TABLE_ARN: 'arn:aws:dynamodb:eu-west-3:000000000000:table/fixture-test-events',
      BUS_ARN: 'arn:aws:events:eu-west-3:000000000000:event-bus/fixture-test',
      STAGE_LABEL: 'test-14',
      WORKFLOW_ARN: 'arn:aws:states:eu-west-3:000000000000:stateMachine:fixture-test-publish',
      EXPRESS_ARN: 'arn:aws:states:eu-west-3:000000000000:stateMachine:expressOne',
      QUEUE_URL: 'https://sqs.eu-west-3.amazonaws.com/000000000000/fixture-test-dlq',
      JOINED: 'a:eu-west-3',
      SUBBED: '000000000000/fixture-test-events/arn:aws:events:eu-west-3:000000000000:event-bus/fixture-test',
    });
    expect(fn('projector').environment).not.toHaveProperty('QUEUE_URL');
  });

  it('lists HTTP routes in every spelling: object, "METHOD /path", method *, and the * catch-all', () => {
    expect(service.httpRoutes).toEqual([
      { method: 'GET', path: '/shows/{showId}', functionKey: 'getShow', authorizer: { name: 'cognito', scopes: ['shows/read'] } },
      { method: 'POST', path: '/shows', functionKey: 'getShow' },
      { method: 'ANY', path: '/files/{proxy+}', functionKey: 'getShow' },
      { method: 'ANY', path: '$default', functionKey: 'fallback' },
    ]);
  });

  it('fills CORS like osls and keeps the JWT authorizer', () => {
    expect(service.httpApi).toEqual({
      cors: {
        allowedOrigins: ['http://localhost:5173'],
        allowedHeaders: ['Content-Type', 'X-Amz-Date', 'Authorization', 'X-Api-Key', 'X-Amz-Security-Token', 'X-Amz-User-Agent', 'X-Amzn-Trace-Id'],
        allowedMethods: ['OPTIONS', 'GET', 'POST', 'PUT', 'PATCH', 'HEAD', 'DELETE'],
        allowCredentials: true,
        exposedResponseHeaders: [],
        maxAge: 600,
      },
      authorizers: { cognito: { type: 'jwt', identitySource: '$request.header.Authorization', issuerUrl: 'http://127.0.0.1:4000/local-issuer', audience: ['showrunner-local'] } },
    });
  });

  it('builds event rules from function eventBridge events and state machine events, skipping disabled and scheduled ones', () => {
    expect(service.eventRules).toEqual([
      {
        name: 'fixture-test-onShowPublished-rule-1',
        eventBusName: 'fixture-test',
        pattern: { source: ['showrunner.catalog'], 'detail-type': ['ShowPublished'] },
        targets: [{ kind: 'function', name: 'fixture-test-onShowPublished', inputTransformer: { inputPathsMap: { showId: '$.detail.streamId' }, inputTemplate: '{"showId": <showId>}' } }],
      },
      { name: 'side-rule', eventBusName: 'side-bus', pattern: { source: ['side'] }, targets: [{ kind: 'function', name: 'fixture-test-onShowPublished', inputPath: '$.detail' }] },
      {
        name: 'fixture-test-publish-rule-1',
        eventBusName: 'fixture-test',
        pattern: { source: ['showrunner.catalog'], 'detail-type': ['ShowSubmitted'] },
        targets: [{ kind: 'stateMachine', name: 'fixture-test-publish', input: { fixed: true } }],
      },
    ]);
    expect(fn('onShowPublished').events[2]).toEqual({ kind: 'eventBridge', ruleName: 'fixture-test-onShowPublished-rule-3', eventBusName: 'default', schedule: 'rate(1 hour)' });
  });

  it('subscribes stream consumers by table name, with Lambda defaults where nothing is set', () => {
    expect(service.streamSubscriptions).toEqual([
      {
        functionKey: 'projector',
        tableName: 'fixture-test-events',
        batchSize: 25,
        startingPosition: 'LATEST',
        maximumRetryAttempts: 3,
        bisectBatchOnFunctionError: true,
        functionResponseType: 'ReportBatchItemFailures',
        onFailure: 'arn:aws:sqs:eu-west-3:000000000000:fixture-test-dlq',
        filterPatterns: [{ eventName: ['INSERT'] }],
      },
      { functionKey: 'projector', tableName: 'other-table', batchSize: 100, startingPosition: 'TRIM_HORIZON', maximumRetryAttempts: -1, bisectBatchOnFunctionError: false },
    ]);
  });

  it('normalizes schedule, s3 and sqs events and keeps kinds with no local stand-in as unsupported', () => {
    expect(fn('nightly').events).toEqual([
      { kind: 'schedule', rate: ['cron(0 3 * * ? *)'], enabled: true },
      { kind: 's3', bucket: 'fixture-uploads', event: 's3:ObjectCreated:*', rules: [{ prefix: 'incoming/' }, { suffix: '.mp4' }], existing: false },
      { kind: 'sqs', arn: 'arn:aws:sqs:eu-west-3:000000000000:fixture-test-dlq', batchSize: 5 },
      expect.objectContaining({ kind: 'unsupported', type: 'alb' }),
    ]);
  });

  it('turns schedule events and scheduled eventBridge events into schedule rules for the local scheduler', () => {
    expect(service.schedules).toEqual([
      { name: 'fixture-test-onShowPublished-rule-3', functionKey: 'onShowPublished', functionName: 'fixture-test-onShowPublished', expression: 'rate(1 hour)' },
      { name: 'fixture-test-nightly-schedule-1', functionKey: 'nightly', functionName: 'fixture-test-nightly', expression: 'cron(0 3 * * ? *)' },
    ]);
  });

  it('resolves intrinsics inside state machine definitions', () => {
    const [publish, express] = service.stateMachines;
    expect(publish).toMatchObject({ key: 'publishWorkflow', name: 'fixture-test-publish', type: 'STANDARD', arn: 'arn:aws:states:eu-west-3:000000000000:stateMachine:fixture-test-publish' });
    expect(publish?.definition).toEqual({
      StartAt: 'Transcode',
      States: {
        Transcode: { Type: 'Task', Resource: 'arn:aws:lambda:eu-west-3:000000000000:function:fixture-test-projector', Next: 'Record' },
        Record: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', Parameters: { TableName: 'fixture-test-events', Item: {} }, Next: 'Notify' },
        Notify: { Type: 'Task', Resource: 'arn:aws:lambda:eu-west-3:000000000000:function:fixture-test-nightly', Parameters: { 'Bus.$': 'arn:aws:events:eu-west-3:000000000000:event-bus/fixture-test' }, End: true },
      },
    });
    expect(express).toMatchObject({ name: 'expressOne', type: 'EXPRESS' });
  });

  it('turns resources into CreateTable inputs, buckets and buses, adding the ones events create', () => {
    expect(service.tables.map((table) => table.TableName)).toEqual(['fixture-test-events', 'fixture-test-UnnamedTable']);
    expect(service.tables[0]).toEqual({
      TableName: 'fixture-test-events',
      AttributeDefinitions: [{ AttributeName: 'streamId', AttributeType: 'S' }, { AttributeName: 'version', AttributeType: 'N' }],
      KeySchema: [{ AttributeName: 'streamId', KeyType: 'HASH' }, { AttributeName: 'version', KeyType: 'RANGE' }],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
    expect(service.tables[1]).toMatchObject({ BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } });
    expect(service.buckets).toEqual([
      { logicalId: 'MediaBucket', name: 'fixture-test-media', eventBridge: true },
      { name: 'fixture-uploads', eventBridge: false },
    ]);
    expect(service.buses).toEqual([{ logicalId: 'EventBus', name: 'fixture-test' }, { name: 'side-bus' }]);
  });

  it('lists AWS::SQS::Queue resources with the attributes a local queue honours (CloudFormation-only ones dropped)', () => {
    expect(service.queues).toEqual([{ logicalId: 'DeadLetters', name: 'fixture-test-dlq', attributes: { MessageRetentionPeriod: '1209600' } }]);
  });

  it('honours --stage and --region', async () => {
    const prod = await loadServerlessConfig({ serviceDir: fixtureDir, stage: 'prod', region: 'us-east-2', env: {} });
    expect(prod.functions[0]?.environment.EVENTS_TABLE_ARN).toBe('arn:aws:dynamodb:us-east-2:000000000000:table/fixture-prod-events');
  });

  it('agrees with the framework itself (serverless print) on the fixture, key for key', async () => {
    const printed = await loadServerlessConfig({ serviceDir: fixtureDir, resolver: 'framework' });
    expect(printed).toEqual(service);
  });
});

describe('loadServerlessConfig on the real serverless.yml', () => {
  it('runs the health route and creates the event store tables and the bus, as the framework resolves them', async () => {
    const service = await loadServerlessConfig({ serviceDir: repoDir });
    expect(service.httpRoutes).toContainEqual({ method: 'GET', path: '/health', functionKey: 'health' });
    expect(service.tables.map((table) => table.TableName)).toEqual(expect.arrayContaining(['showrunner-dev-events', 'showrunner-dev-snapshots']));
    expect(service.buses).toContainEqual({ logicalId: 'EventBus', name: 'showrunner-dev' });
    expect(service.archives).toEqual([{ logicalId: 'EventArchive', name: 'showrunner-dev-archive', eventBusName: 'showrunner-dev' }]);
    // The media distribution: its bucket, the thumbnails behaviour that trusts no key group, its CORS policy. It comes
    // first (the local playback origin serves the first); the web app's (web/resources.yml, merged last) after it.
    expect(service.distributions).toEqual([
      {
        logicalId: 'MediaDistribution',
        bucket: 'showrunner-dev-media',
        unsignedPathPatterns: ['shows/*/thumbnails/*'],
        cors: { allowOrigins: ['*'], allowMethods: ['GET', 'HEAD', 'OPTIONS'], allowHeaders: ['*'], exposeHeaders: ['ETag', 'Content-Length', 'Content-Range'], maxAgeSeconds: 600 },
      },
      { logicalId: 'WebDistribution', bucket: 'showrunner-dev-webbucket', unsignedPathPatterns: [], cors: null },
    ]);
    expect(service.schedules).toContainEqual({ name: 'showrunner-dev-evaluateQosAlerts-schedule-1', functionKey: 'evaluateQosAlerts', functionName: 'showrunner-dev-evaluateQosAlerts', expression: 'rate(1 minute)' });
    expect(await loadServerlessConfig({ serviceDir: repoDir, resolver: 'framework' })).toEqual(service);
  });
});

describe('a malformed serverless.yml', () => {
  const cases: [file: string, message: string][] = [
    ['bad-http-method.yml', 'serverless.yml functions.api.events[0].httpApi.method: must be *, ANY, GET, POST, PUT, PATCH, OPTIONS, HEAD or DELETE'],
    ['missing-handler-file.yml', 'serverless.yml functions.api.handler: no file functions/missing{.ts,.mts,.js,.mjs,.cjs}'],
    ['handler-without-export.yml', 'serverless.yml functions.api.handler: must be "<file path>.<export>"'],
    ['unknown-authorizer.yml', 'serverless.yml functions.api.events[0].httpApi.authorizer: refers to "nobody", which is not in provider.httpApi.authorizers'],
    ['unresolved-variable.yml', 'serverless.yml provider.environment.SECRET: ${env:SHOWRUNNER_FIXTURE_NEVER_SET} has no value and no fallback'],
    ['ssm-variable.yml', 'serverless.yml provider.environment.SECRET: ${ssm:/showrunner/secret} needs AWS and cannot be resolved locally'],
    ['unknown-logical-id.yml', 'serverless.yml functions.api.environment.TABLE: refers to "MissingTable", which is neither a function'],
    ['stream-batch-size.yml', 'serverless.yml functions.api.events[0].stream.batchSize:'],
    ['state-machine-without-start.yml', 'serverless.yml stepFunctions.stateMachines.flow.definition: must be an ASL object with StartAt and States'],
    ['not-yaml.yml', 'serverless.yml ../malformed/not-yaml.yml: is not valid YAML'],
    ['wrong-provider.yml', 'serverless.yml provider.name: only provider aws is supported'],
    ['payload-1.yml', "serverless.yml provider.httpApi.payload: only payload format '2.0'"],
    ['request-authorizer.yml', 'serverless.yml provider.httpApi.authorizers.custom.type: only JWT authorizers run locally'],
    ['bad-schedule-rate.yml', 'serverless.yml functions.api.events[0].schedule: schedule "rate(1 minutes)": write "1 minute"'],
    ['bad-schedule-cron.yml', 'serverless.yml functions.api.events[0].schedule: schedule "cron(0 3 * * * *)": exactly one of day-of-month and day-of-week must be "?"'],
  ];

  it.each(cases)('%s is refused in one line that names the key', async (file, message) => {
    const loading = loadServerlessConfig({ serviceDir: fixtureDir, configFile: `../malformed/${file}`, env: {} });
    const error: unknown = await loading.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(ServerlessConfigError);
    const text = error instanceof Error ? error.message : '';
    expect(text.startsWith(message)).toBe(true);
    expect(text).not.toContain('\n');
  });
});

describe('a serverless.yml split into per-feature files', () => {
  it('merges lists of function and resource fragments as the framework does', async () => {
    const service = await loadServerlessConfig({ serviceDir: join(__dirname, 'fixtures', 'split') });
    expect(service.functions.map((f) => f.key)).toEqual(['listShows', 'health']);
    expect(service.httpRoutes.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /shows', 'GET /health']);
    expect(service.tables.map((t) => t.TableName)).toEqual(['split-things']);
    expect(service.buses.map((b) => b.name)).toEqual(['split-bus']);
  });
});
