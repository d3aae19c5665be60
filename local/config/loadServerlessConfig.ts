import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseServerlessYaml } from './cloudFormationYaml';
import type { BuildContext } from './context';
import { normalizeDistributions } from './distributions';
import { ServerlessConfigError } from './errors';
import { functionEventRules, scheduledRules, streamSubscriptions } from './eventRules';
import { printWithFramework } from './frameworkPrint';
import { normalizeFunctions } from './functions';
import { collectHttpRoutes, normalizeAuthorizers, normalizeCors } from './httpApi';
import { describeFunction, describeResource, describeStateMachine, type LocalResource } from './intrinsics';
import { localServiceSchema, type LocalService } from './model';
import { lambdaLogicalId, stateMachineLogicalId } from './naming';
import { normalizeQueues } from './queues';
import { rawServerlessSchema, type RawServerless } from './rawSchema';
import { normalizeResources } from './resources';
import { normalizeStateMachines, stateMachineEventRules, stateMachineNameOf } from './stateMachines';
import { strictParse } from './strictParse';
import { resolveVariables } from './variables';

/** Every local ARN carries this account, as LocalStack and the AWS docs' examples do. */
export const localAccountId = '000000000000';

export interface LoadServerlessConfigOptions {
  /** Folder holding serverless.yml; handler paths are relative to it. */
  readonly serviceDir: string;
  /** Defaults to serverless.yml. */
  readonly configFile?: string;
  readonly stage?: string;
  readonly region?: string;
  /** For `${env:...}`; defaults to process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * `yaml` (default) resolves variables in-process (milliseconds); `framework` runs `serverless print` (seconds)
   * for exact fidelity with what gets deployed.
   */
  readonly resolver?: 'yaml' | 'framework';
}

const readResolved = async (options: LoadServerlessConfigOptions): Promise<unknown> => {
  const serviceDir = resolve(options.serviceDir);
  const configFile = options.configFile ?? 'serverless.yml';
  if (options.resolver === 'framework') {
    return printWithFramework(serviceDir, {
      ...(options.stage === undefined ? {} : { stage: options.stage }),
      ...(options.region === undefined ? {} : { region: options.region }),
      ...(options.configFile === undefined ? {} : { configFile }),
    });
  }
  let text: string;
  try {
    text = readFileSync(resolve(serviceDir, configFile), 'utf8');
  } catch {
    throw new ServerlessConfigError(configFile, `cannot be read in ${serviceDir}: check the path`);
  }
  return resolveVariables(parseServerlessYaml(text, configFile), {
    serviceDir,
    options: { stage: options.stage, region: options.region },
    env: options.env ?? process.env,
    accountId: localAccountId,
  });
};

const resourceIndex = (raw: RawServerless, arns: { region: string; accountId: string; stackName: string }, functionNames: ReadonlyMap<string, string>) => {
  const index = new Map<string, LocalResource>();
  for (const [logicalId, resource] of Object.entries(raw.resources?.Resources ?? {}))
    index.set(logicalId, describeResource(arns, logicalId, resource.Type, resource.Properties ?? {}));
  for (const [key, name] of functionNames) {
    // serverless-step-functions lets `Fn::GetAtt: [hello, Arn]` name a function by its key.
    index.set(key, describeFunction(arns, name));
    index.set(lambdaLogicalId(key), describeFunction(arns, name));
  }
  for (const [key, machine] of Object.entries(raw.stepFunctions?.stateMachines ?? {}))
    index.set(stateMachineLogicalId(key, machine), describeStateMachine(arns, stateMachineNameOf(key, machine.name)));
  return index;
};

/**
 * Loads serverless.yml into the local model `npm start` runs from. Throws a one-line ServerlessConfigError
 * (which key, what is wrong) for anything malformed.
 *
 * @example
 * const service = await loadServerlessConfig({ serviceDir: process.cwd(), stage: 'dev' });
 * service.httpRoutes; // [{ method: 'GET', path: '/health', functionKey: 'health' }]
 */
export const loadServerlessConfig = async (options: LoadServerlessConfigOptions): Promise<LocalService> => {
  const serviceDir = resolve(options.serviceDir);
  const raw = strictParse(rawServerlessSchema, await readResolved(options), '');
  const stage = options.stage ?? raw.provider.stage ?? 'dev';
  const region = options.region ?? raw.provider.region ?? 'us-east-1';
  const arns = { region, accountId: localAccountId, stackName: `${raw.service}-${stage}` };
  const functionNames = new Map(Object.entries(raw.functions ?? {}).map(([key, fn]) => [key, fn.name ?? `${raw.service}-${stage}-${key}`]));
  const context: BuildContext = { ...arns, service: raw.service, stage, serviceDir, raw, functionNames, resources: resourceIndex(raw, arns, functionNames) };

  const functions = normalizeFunctions(context);
  const authorizers = normalizeAuthorizers(context);
  const httpRoutes = collectHttpRoutes(functions, authorizers);
  const resources = normalizeResources(context, functions);
  return localServiceSchema.parse({
    service: raw.service,
    stage,
    region,
    accountId: localAccountId,
    serviceDir,
    functions,
    httpRoutes,
    httpApi: { cors: normalizeCors(context, httpRoutes), authorizers },
    eventRules: [...functionEventRules(functions), ...stateMachineEventRules(context)],
    streamSubscriptions: streamSubscriptions(functions),
    schedules: scheduledRules(functions),
    stateMachines: normalizeStateMachines(context),
    ...resources,
    queues: normalizeQueues(context),
    distributions: normalizeDistributions(context, resources.buckets),
  });
};
