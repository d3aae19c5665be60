import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { appendToArchive, archiveNameOfTarget } from './archives/archive';
import { cognitoEdgeRoute, localIssuerFor } from './cognito/part';
import { loadServerlessConfig, type LocalService } from './config';
import { startEdgeServer } from './edge';
import { openDeliveryJournal } from './eventbridge/deliveryJournal';
import { createEventBridgeService, type EventBridgeService } from './eventbridge/service';
import type { EventBridgeEvent, RuleTarget } from './eventbridge/types';
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
import { startApi } from './wiring/api';
import { functionNameOfArn } from './wiring/arns';
import { startDeadLetterParts } from './wiring/deadLetters';
import { localCredentials, sdkEnvironment, type LocalEndpoints } from './wiring/endpoints';
import { busRules } from './wiring/eventRules';
import { healthOf } from './wiring/health';
import { startLocalPlayback, withLocalPlayback } from './wiring/playback';
import { startSubscriptions } from './wiring/subscriptions';
import { startWebApp } from './wiring/web';

// Callers (tests, bench, start.ts) import the stack's endpoints and credentials from here, beside startLocalCloud.
export { localCredentials, sdkEnvironment, type LocalEndpoints };

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

type Stopper = () => Promise<void>;

/**
 * Starts every part serverless.yml declares, wired as AWS wires them. Parts start in dependency order and stop in
 * reverse; a failure half-way stops what had started, so nothing is left holding a port.
 */
export const startLocalCloud = async (settings: LocalSettings, log: (line: string) => void = console.log): Promise<LocalCloud> => {
  const service = await loadServerlessConfig({ serviceDir: dirname(settings.configPath), configFile: settings.configPath, stage: settings.stage, env: { ...process.env, ...settings.configEnv } });
  stopOrphanedDynamoDbLocal(join(settings.dataDir, 'dynamodb'));
  await assertPortFree(settings.ports.api, 'API', 'SHOWRUNNER_API_PORT');
  await assertPortFree(settings.ports.edge, 'EventBridge and Step Functions', 'SHOWRUNNER_EDGE_PORT');
  await assertPortFree(settings.ports.dynamodb, 'DynamoDB', 'SHOWRUNNER_DYNAMODB_PORT');
  await assertPortFree(settings.ports.s3, 'S3', 'SHOWRUNNER_S3_PORT');
  await assertPortFree(settings.ports.playback ?? 0, 'the playback origin', 'SHOWRUNNER_PLAYBACK_PORT');
  if (settings.web !== undefined) await assertPortFree(settings.web.port, 'web app', 'SHOWRUNNER_WEB_PORT');
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

const deliverOwed = (bus: EventBridgeService, log: (line: string) => void): void => {
  const owed = bus.deliverOwed();
  if (owed > 0) log(`EventBridge: ${owed} delivery(ies) accepted by the last run and not yet made are being made now`);
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
  const late: { eventBridge?: EventBridgeService; stepFunctions?: StepFunctionsService } = {};
  // Executions resumed from the journal run before the runtime exists: their Lambda tasks wait for it, as a
  // Lambda invoke on AWS does not fail for a function that is merely cold.
  let runtimeStarted: (runtime: LambdaRuntime) => void = () => undefined;
  const runtimeReady = new Promise<LambdaRuntime>((resolve) => (runtimeStarted = resolve));
  const invoke = async (functionName: string, payload: unknown): Promise<unknown> => (await runtimeReady).invoke(functionName, payload);

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
  // CloudFront's part: the media distribution in front of the (private) media bucket.
  const playbackOrigin = await startLocalPlayback(service, s3.endpoint, settings.ports.playback, settings.dataDir);
  if (playbackOrigin !== undefined) stoppers.push(playbackOrigin.stop);

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
    rules: busRules(service),
    deliver,
    // Deliveries PutEvents accepted survive a crash of this process, as AWS keeps them past a caller's crash.
    journal: openDeliveryJournal(join(settings.dataDir, 'eventbridge')),
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

  const deadLetters = await startDeadLetterParts(service, settings, invoke);
  stoppers.push(deadLetters.stop);
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
    sqs: deadLetters.sqs,
    lambda: deadLetters.lambda,
    ...(playbackOrigin === undefined ? {} : { playback: playbackOrigin.url }),
  };

  const runtime = createLambdaRuntime({
    functions: service.functions.map((fn) => withLocalPlayback(fn, endpointsSoFar.s3, playbackOrigin)),
    region: service.region,
    accountId: service.accountId,
    baseEnv: { PATH: process.env.PATH, NODE_OPTIONS: process.env.NODE_OPTIONS, ...sdkEnvironment(endpointsSoFar, service.region), ...payments.environment },
    // Lambda answers a burst with more concurrent environments. At 4 per function, a route whose handler waits
    // on one DynamoDB write (~100 ms on a streamed table here) is capped near 40 requests/s by queueing for a
    // worker, not by DynamoDB (measured: bench/qosIngestProfile.ts). Workers still start only when needed.
    maxConcurrencyPerFunction: 16,
  });
  runtimeStarted(runtime);
  stoppers.push(runtime.stop);
  // Stoppers run in reverse: deliveries still in flight reach their functions before the runtime goes.
  stoppers.push(() => bus.close());

  const subscriptions = startSubscriptions(service, settings, { dynamodb, streams, runtime, onFailureDestination: deadLetters.onFailureDestination, log });
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

  const health = healthOf({ dynamodb, bus, sfn, s3: s3.endpoint, edge: edge.endpoint, mediaconvert: mediaConvertApi.endpoint, payments: payments.endpoint, sqs: deadLetters.sqs });

  const gateway = await startApi(service, settings, runtime, health, issuer);
  stoppers.push(gateway.stop);
  payments.simulator.setWebhookUrl(`${gateway.url}/webhooks/razorpay`);

  const web = settings.web === undefined ? undefined : await startWebApp({ serviceDir: dirname(settings.configPath), port: settings.web.port, apiUrl: gateway.url, paymentsUrl: payments.endpoint }, log);
  if (web !== undefined) stoppers.push(web.stop);

  const endpoints: LocalEndpoints = { ...endpointsSoFar, api: gateway.url, ...(web === undefined ? {} : { web: web.url }) };
  const endpointsFile = join(dirname(settings.dataDir), 'endpoints.json');
  writeFileSync(endpointsFile, `${JSON.stringify(endpoints, null, 2)}\n`);
  // Every target can be reached now: deliver what the last run had accepted and not yet delivered.
  deliverOwed(bus, log);
  return { endpoints, service, eventBridge: bus, stepFunctions: sfn, runtime, paymentGateway: payments.endpoint, health, stop: stopAll };
};

