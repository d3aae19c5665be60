import { z } from 'zod';
import { EventBridgeValidationError, ResourceNotFoundError, UnknownOperationError } from './errors';
import { compileEventPattern } from './pattern';
import { checkEventPatternLength } from './patternLength';
import { isPlainObject } from './patternValues';
import type { LocalBus, RegisteredRule, Registry } from './registry';
import type { PutEventsRequestEntry, PutEventsResponse } from './types';

const entrySchema = z.object({
  Source: z.string().optional(),
  DetailType: z.string().optional(),
  Detail: z.string().optional(),
  Resources: z.array(z.string()).optional(),
  Time: z.union([z.number(), z.string()]).optional(),
  EventBusName: z.string().optional(),
  TraceHeader: z.string().optional(),
});
const page = { Limit: z.number().int().min(1).max(100).optional(), NextToken: z.string().optional() };
const schemas = {
  PutEvents: z.object({ Entries: z.array(entrySchema), EndpointId: z.string().optional() }),
  TestEventPattern: z.object({ EventPattern: z.string(), Event: z.string() }),
  ListRules: z.object({ NamePrefix: z.string().optional(), EventBusName: z.string().optional(), ...page }),
  DescribeRule: z.object({ Name: z.string().min(1), EventBusName: z.string().optional() }),
  ListTargetsByRule: z.object({ Rule: z.string().min(1), EventBusName: z.string().optional(), ...page }),
  DescribeEventBus: z.object({ Name: z.string().optional() }),
  ListEventBuses: z.object({ NamePrefix: z.string().optional(), ...page }),
};

const parse = <T>(schema: z.ZodType<T>, body: unknown): T => {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) throw new EventBridgeValidationError(`Invalid request: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
};

/** Offset tokens: enough for local listings, opaque to callers as AWS's are. */
const paginate = <T>(items: T[], limit: number | undefined, token: string | undefined) => {
  const start = token === undefined ? 0 : Number(Buffer.from(token, 'base64url').toString('utf8'));
  if (!Number.isInteger(start) || start < 0) throw new EventBridgeValidationError('The NextToken is not valid.');
  const end = start + (limit ?? 100);
  const next = end < items.length ? { NextToken: Buffer.from(String(end)).toString('base64url') } : {};
  return { items: items.slice(start, end), next };
};

const requiredEventFields = ['id', 'account', 'source', 'time', 'region', 'resources', 'detail-type'];

const testEventPattern = (body: unknown) => {
  const { EventPattern, Event } = parse(schemas.TestEventPattern, body);
  checkEventPatternLength(EventPattern);
  const matches = compileEventPattern(EventPattern);
  let event: unknown;
  try {
    event = JSON.parse(Event);
  } catch {
    throw new EventBridgeValidationError('Parameter Event is not valid. Reason: Event is not valid JSON.');
  }
  if (!isPlainObject(event)) throw new EventBridgeValidationError('Parameter Event is not valid. Reason: Event must be a JSON object.');
  const missing = requiredEventFields.filter((field) => !Object.hasOwn(event, field));
  if (missing.length > 0) {
    throw new EventBridgeValidationError(`Parameter Event is not valid. Reason: Provided Event is missing required field(s): ${missing.join(', ')}.`);
  }
  return { Result: matches(event) };
};

const ruleView = (rule: RegisteredRule) => ({
  Name: rule.name,
  Arn: rule.arn,
  EventPattern: rule.eventPatternText,
  State: rule.state,
  EventBusName: rule.busName,
  ...(rule.description === undefined ? {} : { Description: rule.description }),
});

const targetView = (target: RegisteredRule['targets'][number]) => ({
  Id: target.id,
  Arn: target.arn,
  ...(target.input === undefined ? {} : { Input: target.input }),
  ...(target.inputPath === undefined ? {} : { InputPath: target.inputPath }),
  ...(target.inputTransformer === undefined
    ? {}
    : { InputTransformer: { InputPathsMap: target.inputTransformer.inputPathsMap ?? {}, InputTemplate: target.inputTransformer.inputTemplate } }),
});

const existingBus = (registry: Registry, nameOrArn: string | undefined): LocalBus => {
  const bus = registry.busNamed(nameOrArn);
  if (bus === undefined) throw new ResourceNotFoundError(`Event bus ${nameOrArn ?? 'default'} does not exist.`);
  return bus;
};

const existingRule = (registry: Registry, name: string, busNameOrArn: string | undefined): RegisteredRule => {
  const bus = existingBus(registry, busNameOrArn);
  const rule = registry.rules.find((candidate) => candidate.busName === bus.name && candidate.name === name);
  if (rule === undefined) throw new ResourceNotFoundError(`Rule ${name} does not exist on EventBus ${bus.name}.`);
  return rule;
};

/** One AWS JSON protocol operation (`X-Amz-Target: AWSEvents.<operation>`) to its response body. */
export const runOperation = async (
  registry: Registry,
  putEvents: (entries: PutEventsRequestEntry[]) => Promise<PutEventsResponse>,
  operation: string,
  body: unknown,
): Promise<unknown> => {
  switch (operation) {
    case 'PutEvents':
      return putEvents(parse(schemas.PutEvents, body).Entries);
    case 'TestEventPattern':
      return testEventPattern(body);
    case 'ListRules': {
      const request = parse(schemas.ListRules, body);
      const bus = existingBus(registry, request.EventBusName);
      const rules = registry.rules.filter((rule) => rule.busName === bus.name && rule.name.startsWith(request.NamePrefix ?? ''));
      const { items, next } = paginate(rules, request.Limit, request.NextToken);
      return { Rules: items.map(ruleView), ...next };
    }
    case 'DescribeRule': {
      const request = parse(schemas.DescribeRule, body);
      return { ...ruleView(existingRule(registry, request.Name, request.EventBusName)), CreatedBy: registry.accountId };
    }
    case 'ListTargetsByRule': {
      const request = parse(schemas.ListTargetsByRule, body);
      const rule = existingRule(registry, request.Rule, request.EventBusName);
      const { items, next } = paginate(rule.targets, request.Limit, request.NextToken);
      return { Targets: items.map(targetView), ...next };
    }
    case 'DescribeEventBus': {
      const bus = existingBus(registry, parse(schemas.DescribeEventBus, body).Name);
      return { Name: bus.name, Arn: bus.arn };
    }
    case 'ListEventBuses': {
      const request = parse(schemas.ListEventBuses, body);
      const buses = [...registry.buses.values()].filter((bus) => bus.name.startsWith(request.NamePrefix ?? ''));
      const { items, next } = paginate(buses, request.Limit, request.NextToken);
      return { EventBuses: items.map((bus) => ({ Name: bus.name, Arn: bus.arn })), ...next };
    }
    default:
      throw new UnknownOperationError(operation);
  }
};
