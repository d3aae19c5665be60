import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { appendToArchive, archiveNameOfTarget, archiveRules } from './archives/archive';
import { cognitoEdgeRoute, localIssuerFor } from './cognito/part';
import { loadServerlessConfig, type LocalService } from './config';
import { startEdgeServer } from './edge';
import { createEventBridgeService, type EventBridgeService } from './eventbridge/service';
import type { EventBridgeEvent, LocalRule, RuleTarget } from './eventbridge/types';
import { startHttpApiGateway, type LocalIssuer } from './gateway';
import { createLambdaRuntime, LambdaFunctionError, type LambdaRuntime } from './lambda';
import { startMediaConvertApi } from './mediaconvert/api';
import { createLocalMediaConvertService } from './mediaconvert/transcoder';
import { startDynamoDbLocal, stopOrphanedDynamoDbLocal } from './parts/dynamodbLocal';
import { assertPortFree } from './parts/portCheck';
import { ensureTables } from './parts/tables';
import { applyTimeToLive } from './parts/timeToLive';
import { startLocalPaymentGateway } from './payments/part';
import { startS3Local } from './s3/s3Local';
import { startScheduler } from './scheduler';
import type { LocalSettings } from './settings';
import { createStepFunctionsService, type StepFunctionsService } from './stepfunctions';
import { withStateDeadlines } from './stepfunctions/stateDeadlines';
import { fileCheckpoints } from './streams/checkpoints';
import { startStreamSubscription, type StreamSubscription } from './streams/subscription';

/** The credentials every local process uses: s3rver accepts only this key; the other parts accept any. */
export const localCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export interface LocalEndpoints {
  readonly api: string;
  readonly eventbridge: string;
  readonly sfn: string;
  readonly dynamodb: string;
  readonly s3: string;
  /** Cognito's API (the edge port), AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER. */
  readonly cognito: string;
  /** GetJob and ListJobs of the local MediaConvert, AWS_ENDPOINT_URL_MEDIACONVERT. */
  readonly mediaconvert: string;
  /** The Razorpay simulator (Orders API and checkout), RAZORPAY_API_URL of the payment functions. */
  readonly payments: string;
}

export interface LocalCloud {
  readonly endpoints: LocalEndpoints;
  readonly service: LocalService;
  readonly eventBridge: EventBridgeService;
  readonly stepFunctions: StepFunctionsService;
  readonly runtime: LambdaRuntime;
  /** The Razorpay simulator (Orders API and checkout), http://127.0.0.1:4580 unless SHOWRUNNER_PAYMENTS_PORT says otherwise. */
  readonly paymentGateway: string;
  /** Each part's state, probed now. */
  health(): Promise<{ ok: boolean; parts: Record<string, 'up' | 'down'> }>;
  stop(): Promise<void>;
}

/**
 * No CloudFront runs here, so a PLAYBACK_BASE_URL built from a distribution resolves to unset (local/config): a
 * function given a MEDIA_BUCKET and no playback origin plays from the local S3 endpoint (path-style) instead.
 */
const withLocalPlayback = <F extends { readonly environment: Readonly<Record<string, string>> }>(fn: F, s3Endpoint: string): F => {
  const bucket = fn.environment.MEDIA_BUCKET;
  if (bucket === undefined || fn.environment.PLAYBACK_BASE_URL !== undefined) return fn;
  return { ...fn, environment: { ...fn.environment, PLAYBACK_BASE_URL: `${s3Endpoint.replace(/\/$/, '')}/${bucket}` } };
};

/** The environment the AWS SDK reads in every handler: the same code reaches AWS or these local parts. */
export const sdkEnvironment = (endpoints: LocalEndpoints, region: string): Record<string, string> => ({
  AWS_REGION: region,
  AWS_DEFAULT_REGION: region,
  AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
  AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
  AWS_ENDPOINT_URL_DYNAMODB_STREAMS: endpoints.dynamodb,
  AWS_ENDPOINT_URL_S3: endpoints.s3,
  AWS_ENDPOINT_URL_EVENTBRIDGE: endpoints.eventbridge,
  AWS_ENDPOINT_URL_SFN: endpoints.sfn,
  // The edge port serves Cognito's API too (local/cognito).
  AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: endpoints.cognito,
  AWS_ENDPOINT_URL_MEDIACONVERT: endpoints.mediaconvert,
  // s3rver stores the SDK's default streaming checksum framing as object data; send checksums only when required.
  AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
  AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
});

const arnOfTarget = (service: LocalService, kind: 'function' | 'stateMachine', name: string): string =>
  kind === 'function'
    ? `arn:aws:lambda:${service.region}:${service.accountId}:function:${name}`
    : `arn:aws:states:${service.region}:${service.accountId}:stateMachine:${name}`;

const functionNameOfArn = (arn: string): string | undefined => /^arn:aws:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(arn)?.[1];

type Stopper = () => Promise<void>;

/**
 * Starts every part serverless.yml declares, wired as AWS wires them. Parts start in dependency order and stop in
 * reverse; a failure half-way stops what had started, so nothing is left holding a port.
 */
export const startLocalCloud = async (settings: LocalSettings, log: (line: string) => void = console.log): Promise<LocalCloud> => {
  const service = await loadServerlessConfig({ serviceDir: dirname(settings.configPath), configFile: settings.configPath, stage: settings.stage });
  stopOrphanedDynamoDbLocal(join(settings.dataDir, 'dynamodb'));
  await assertPortFree(settings.ports.api, 'API', 'SHOWRUNNER_API_PORT');
  await assertPortFree(settings.ports.edge, 'EventBridge and Step Functions', 'SHOWRUNNER_EDGE_PORT');
  await assertPortFree(settings.ports.dynamodb, 'DynamoDB', 'SHOWRUNNER_DYNAMODB_PORT');
  await assertPortFree(settings.ports.s3, 'S3', 'SHOWRUNNER_S3_PORT');
  mkdirSync(settings.dataDir, { recursive: true });

  const stoppers: Stopper[] = [];
  const stopAll = async () => {
    for (const stop of stoppers.reverse()) await stop().catch((error: unknown) => log(`stop failed: ${String(error)}`));
  };
  try {
    return await wire(service, settings, log, stoppers, stopAll);
  } catch (error) {
    await stopAll();
    throw error;
  }
};

const wire = async (service: LocalService, settings: LocalSettings, log: (line: string) => void, stoppers: Stopper[], stopAll: Stopper): Promise<LocalCloud> => {
  const dynamo = await startDynamoDbLocal({ dataDir: join(settings.dataDir, 'dynamodb'), ...(settings.ports.dynamodb === 0 ? {} : { port: settings.ports.dynamodb }) });
  stoppers.push(dynamo.stop);
  const clientConfig = { endpoint: dynamo.endpoint, region: service.region, credentials: localCredentials };
  const dynamodb = new DynamoDBClient(clientConfig);
  const streams = new DynamoDBStreamsClient(clientConfig);
  stoppers.push(async () => {
    dynamodb.destroy();
    streams.destroy();
  });
  const created = await ensureTables(dynamodb, service.tables);
  if (created.length > 0) log(`created tables: ${created.join(', ')}`);
  // TimeToLiveSpecification, which CreateTable cannot carry; DynamoDB Local then deletes expired items itself.
  await applyTimeToLive(dynamodb, service.timeToLive);

  // Late-bound: EventBridge, Step Functions and the runtime call each other, and the functions' environment
  // needs the edge endpoint, which exists only once the edge server has bound its port.
  const late: { eventBridge?: EventBridgeService; stepFunctions?: StepFunctionsService; runtime?: LambdaRuntime } = {};
  const invoke = (functionName: string, payload: unknown): Promise<unknown> => {
    if (late.runtime === undefined) return Promise.reject(new Error('the Lambda runtime is not started yet'));
    return late.runtime.invoke(functionName, payload);
  };

  const s3 = await startS3Local({
    dataDir: join(settings.dataDir, 's3'),
    ...(settings.ports.s3 === 0 ? {} : { port: settings.ports.s3 }),
    accountId: service.accountId,
    buckets: service.buckets,
    onEvent: (event) =>
      void late.eventBridge
        ?.putEvents([{ Source: event.source, DetailType: event.detailType, Detail: JSON.stringify(event.detail), Resources: event.resources, Time: event.time, EventBusName: 'default' }])
        .catch((error: unknown) => log(`S3 notification lost: ${String(error)}`)),
  });
  stoppers.push(s3.stop);


  const deliver = async (target: RuleTarget, payload: unknown, event: EventBridgeEvent): Promise<void> => {
    const archive = archiveNameOfTarget(service, target.arn);
    if (archive !== undefined) {
      appendToArchive(settings.dataDir, archive, event);
      return;
    }
    const functionName = functionNameOfArn(target.arn);
    if (functionName !== undefined) {
      await invoke(functionName, payload);
      return;
    }
    if (late.stepFunctions === undefined) throw new Error('Step Functions is not started');
    await late.stepFunctions.startExecution({ stateMachineArn: target.arn, input: JSON.stringify(payload) });
  };
  const bus = createEventBridgeService({
    region: service.region,
    accountId: service.accountId,
    buses: service.buses.map((b) => b.name),
    rules: [
      ...service.eventRules.map((rule): LocalRule => ({
        name: rule.name,
        eventBusName: rule.eventBusName,
        eventPattern: rule.pattern,
        targets: rule.targets.map((t, i) => ({
          id: `${rule.name}-target-${i + 1}`,
          arn: arnOfTarget(service, t.kind, t.name),
          ...(t.input === undefined ? {} : { input: typeof t.input === 'string' ? t.input : JSON.stringify(t.input) }),
          ...(t.inputPath === undefined ? {} : { inputPath: t.inputPath }),
          ...(t.inputTransformer === undefined ? {} : { inputTransformer: t.inputTransformer }),
        })),
      })),
      // Each archive of serverless.yml is a managed rule on its bus, as on AWS (local/archives).
      ...archiveRules(service),
    ],
    deliver,
  });
  late.eventBridge = bus;
  // MediaConvert: createJob(.sync) for the state machine, GetJob/ListJobs (a running job's progress) for handlers.
  // Its jobs are kept under the data folder: the next start marks the ones a killed run left behind ERROR.
  const mediaConvert = createLocalMediaConvertService({ s3Endpoint: s3.endpoint, region: service.region, dataDir: join(settings.dataDir, 'mediaconvert'), log });
  stoppers.push(async () => mediaConvert.stop());
  const mediaConvertApi = await startMediaConvertApi(mediaConvert.jobs);
  stoppers.push(mediaConvertApi.stop);
  const sfn = createStepFunctionsService({
    region: service.region,
    accountId: service.accountId,
    stateMachines: service.stateMachines.map((m) => ({ name: m.name, definition: withStateDeadlines(m.definition, settings.stateDeadlines), type: m.type })),
    // Step Functions names a function error after its errorType (what a Catch on `OutputsMissing` matches), not after
    // the runtime's wrapper.
    invokeLambda: (fn, payload) =>
      invoke(fn.startsWith('arn:') ? (functionNameOfArn(fn) ?? fn) : fn, payload).catch((error: unknown) => {
        if (!(error instanceof LambdaFunctionError)) throw error;
        throw Object.assign(new Error(error.errorMessage), { name: error.errorType, stack: [`${error.errorType}: ${error.errorMessage}`, ...error.trace.slice(1)].join('\n') });
      }),
    putEvents: (entries) => bus.putEvents(entries),
    dynamodb: { endpoint: dynamo.endpoint },
    mediaConvertCreateJob: mediaConvert.createJob,
    // Executions are journaled here: a restart (or a crash) resumes the running ones where they were.
    dataDir: join(settings.dataDir, 'stepfunctions'),
  });
  late.stepFunctions = sfn;
  stoppers.push(() => sfn.stop());

  const issuer = await localIssuerFor(service, settings.dataDir);
  const payments = await startLocalPaymentGateway(service, settings.ports.api, settings.dataDir);
  stoppers.push(payments.stop);
  const edge = await startEdgeServer(settings.ports.edge, [
    cognitoEdgeRoute(issuer, settings.dataDir, { service, invoke }),
    { targetPrefix: 'AWSEvents', contentType: 'application/x-amz-json-1.1', service: bus },
    { targetPrefix: 'AWSStepFunctions', contentType: 'application/x-amz-json-1.0', service: sfn },
  ]);
  stoppers.push(edge.stop);
  const endpointsSoFar: LocalEndpoints = {
    api: '',
    eventbridge: edge.endpoint,
    sfn: edge.endpoint,
    cognito: edge.endpoint,
    dynamodb: dynamo.endpoint,
    s3: s3.endpoint,
    mediaconvert: mediaConvertApi.endpoint,
    payments: payments.endpoint,
  };

  const runtime = createLambdaRuntime({
    functions: service.functions.map((fn) => withLocalPlayback(fn, endpointsSoFar.s3)),
    region: service.region,
    accountId: service.accountId,
    baseEnv: { PATH: process.env.PATH, NODE_OPTIONS: process.env.NODE_OPTIONS, ...sdkEnvironment(endpointsSoFar, service.region), ...payments.environment },
    // Lambda answers a burst with more concurrent environments. At 4 per function, a route whose handler waits
    // on one DynamoDB write (~100 ms on a streamed table here) is capped near 40 requests/s by queueing for a
    // worker, not by DynamoDB (measured: bench/qosIngestProfile.ts). Workers still start only when needed.
    maxConcurrencyPerFunction: 16,
  });
  late.runtime = runtime;
  stoppers.push(runtime.stop);
  // Stoppers run in reverse: deliveries still in flight reach their functions before the runtime goes.
  stoppers.push(() => bus.idle());

  const subscriptions = startSubscriptions(service, settings, { dynamodb, streams, runtime, log });
  stoppers.push(async () => void (await Promise.all(subscriptions.map((s) => s.stop()))));

  // serverless.yml's schedule rules, on EventBridge's clock (or every SHOWRUNNER_SCHEDULE_PERIOD_MS in tests).
  const scheduler = startScheduler({
    rules: service.schedules.map((rule) => ({ name: rule.name, functionName: rule.functionName, expression: rule.expression, ...(rule.input === undefined ? {} : { input: rule.input }) })),
    region: service.region,
    accountId: service.accountId,
    invoke: (name, payload) => runtime.invoke(name, payload),
    log,
    ...(settings.schedulePeriodMs === undefined ? {} : { periodOverrideMs: settings.schedulePeriodMs }),
  });
  stoppers.push(() => scheduler.stop());

  const health = async () => {
    const probe = async (check: () => Promise<unknown>): Promise<'up' | 'down'> => check().then(() => 'up' as const, () => 'down' as const);
    const answers = (url: string) => fetch(url, { signal: AbortSignal.timeout(5_000) }).then((r) => r.arrayBuffer());
    const [dynamodbState, s3State, eventbridge, sfnState, cognito, mediaconvert, paymentsState] = await Promise.all([
      probe(() => dynamodb.send(new ListTablesCommand({ Limit: 1 }))),
      probe(() => answers(s3.endpoint)),
      probe(() => bus.handle('ListEventBuses', {}).then((r) => (r.status === 200 ? r : Promise.reject(new Error(String(r.status)))))),
      probe(() => sfn.listStateMachines({})),
      probe(() => answers(edge.endpoint)),
      probe(() => answers(`${mediaConvertApi.endpoint}/2017-08-29/jobs?maxResults=1`)),
      probe(() => answers(payments.endpoint)),
    ]);
    const parts = { dynamodb: dynamodbState, s3: s3State, eventbridge, sfn: sfnState, cognito, mediaconvert, payments: paymentsState };
    return { ok: Object.values(parts).every((p) => p === 'up'), parts };
  };

  const gateway = await startApi(service, settings, runtime, health, issuer);
  stoppers.push(gateway.stop);
  payments.simulator.setWebhookUrl(`${gateway.url}/webhooks/razorpay`);

  const endpoints: LocalEndpoints = { ...endpointsSoFar, api: gateway.url };
  const endpointsFile = join(dirname(settings.dataDir), 'endpoints.json');
  writeFileSync(endpointsFile, `${JSON.stringify(endpoints, null, 2)}\n`);
  return { endpoints, service, eventBridge: bus, stepFunctions: sfn, runtime, paymentGateway: payments.endpoint, health, stop: stopAll };
};

const startSubscriptions = (
  service: LocalService,
  settings: LocalSettings,
  deps: { dynamodb: DynamoDBClient; streams: DynamoDBStreamsClient; runtime: LambdaRuntime; log: (line: string) => void },
): StreamSubscription[] => {
  const checkpoints = fileCheckpoints(join(settings.dataDir, 'stream-checkpoints.json'));
  const deadLetters = join(settings.dataDir, 'failed-stream-batches.jsonl');
  return service.streamSubscriptions.map((sub) => {
    const fn = service.functions.find((f) => f.key === sub.functionKey);
    return startStreamSubscription(
      {
        functionName: fn?.name ?? sub.functionKey,
        tableName: sub.tableName,
        batchSize: sub.batchSize,
        startingPosition: sub.startingPosition === 'LATEST' ? 'LATEST' : 'TRIM_HORIZON',
        maximumRetryAttempts: sub.maximumRetryAttempts,
        bisectBatchOnFunctionError: sub.bisectBatchOnFunctionError,
        reportBatchItemFailures: sub.functionResponseType === 'ReportBatchItemFailures',
      },
      {
        dynamodb: deps.dynamodb,
        streams: deps.streams,
        region: service.region,
        checkpoints,
        invoke: (name, event) => deps.runtime.invoke(name, event),
        onFailure: (records, reason) => {
          // Lambda's on-failure destination for stream sources gets the batch's coordinates; we keep the records.
          appendFileSync(deadLetters, `${JSON.stringify({ at: new Date().toISOString(), function: fn?.name, reason, records })}\n`);
          deps.log(`stream batch for ${fn?.name ?? sub.functionKey} failed after retries (${reason}); written to ${deadLetters}`);
        },
      },
    );
  });
};

type HealthProbe = () => Promise<{ ok: boolean; parts: Record<string, 'up' | 'down'> }>;

/**
 * The HTTP API with the local token issuer standing in for Cognito: it signs for the issuer URL and audience of
 * the first JWT authorizer in serverless.yml, so the authorizer config written for AWS is the one enforced here.
 */
const startApi = async (service: LocalService, settings: LocalSettings, runtime: LambdaRuntime, health: HealthProbe, issuer: LocalIssuer) => {
  void health;
  return startHttpApiGateway({
    port: settings.ports.api,
    routes: service.httpRoutes,
    cors: service.httpApi.cors,
    authorizers: service.httpApi.authorizers,
    invoke: (functionKey, event) => runtime.invoke(functionKey, event),
    issuer,
    accountId: service.accountId,
    ...(settings.onApiExchange === undefined ? {} : { onExchange: settings.onApiExchange }),
  });
};
