import { z } from 'zod';
import { EventBridgeConfigError, InvalidEventPatternError } from './errors';
import { InvalidJsonPathError, parseJsonPath } from './jsonPath';
import { compileEventPattern, type EventPatternMatcher } from './pattern';
import { maxEventPatternLength } from './patternLength';
import type { LocalRule, RuleTarget } from './types';

export interface LocalBus {
  name: string;
  arn: string;
}

export interface RegisteredRule {
  name: string;
  arn: string;
  busName: string;
  eventPatternText: string;
  matches: EventPatternMatcher;
  state: 'ENABLED' | 'DISABLED';
  targets: RuleTarget[];
  description?: string;
}

export interface Registry {
  region: string;
  accountId: string;
  buses: Map<string, LocalBus>;
  rules: RegisteredRule[];
  /** The bus a name or ARN designates, compared exactly; undefined for a bus that does not exist here. */
  busNamed(nameOrArn: string | undefined): LocalBus | undefined;
}

const targetSchema = z.strictObject({
  id: z.string().min(1),
  arn: z.string().min(1),
  input: z.string().optional(),
  inputPath: z.string().optional(),
  inputTransformer: z
    .strictObject({ inputPathsMap: z.record(z.string(), z.string()).optional(), inputTemplate: z.string() })
    .optional(),
});

const ruleSchema = z.strictObject({
  name: z.string().min(1),
  eventBusName: z.string().min(1),
  eventPattern: z.unknown(),
  state: z.enum(['ENABLED', 'DISABLED']).optional(),
  targets: z.array(targetSchema),
  description: z.string().optional(),
});

// Every JSONPath a target reads (InputPath and the transformer's paths) must parse, as PutTargets checks them.
const checkTargetPaths = (rule: string, target: RuleTarget): void => {
  const paths = [target.inputPath, ...Object.values(target.inputTransformer?.inputPathsMap ?? {})];
  for (const path of paths) {
    if (path === undefined) continue;
    try {
      parseJsonPath(path);
    } catch (error) {
      if (!(error instanceof InvalidJsonPathError)) throw error;
      throw new EventBridgeConfigError(`Rule ${rule}, target ${target.id}: ${error.message}`);
    }
  }
};

/** What PutTargets would refuse: unreadable paths and variables that shadow AWS's predefined ones. */
const checkTargetInput = (rule: string, target: RuleTarget): void => {
  checkTargetPaths(rule, target);
  const reserved = Object.keys(target.inputTransformer?.inputPathsMap ?? {}).filter((name) => name.startsWith('aws.events.'));
  if (reserved.length > 0) {
    throw new EventBridgeConfigError(`Rule ${rule}, target ${target.id}: ${reserved.join(', ')} is a predefined variable; rename it.`);
  }
  const inputs = [target.input, target.inputPath, target.inputTransformer].filter((input) => input !== undefined);
  if (inputs.length > 1) {
    throw new EventBridgeConfigError(`Rule ${rule}, target ${target.id}: set only one of Input, InputPath and InputTransformer.`);
  }
};

const busArnPattern = /^arn:aws[a-z-]*:events:([^:]*):([^:]*):event-bus\/(.+)$/;

const describeRule = (rule: unknown, index: number): string => {
  const name = typeof rule === 'object' && rule !== null && 'name' in rule ? String(rule.name) : `#${index}`;
  return `rule ${name}`;
};

/** The rule's pattern as AWS would take it at deploy: within the API's length, valid, compiled once. */
const compileRulePattern = (ruleName: string, busName: string, eventPattern: unknown) => {
  const eventPatternText = typeof eventPattern === 'string' ? eventPattern : JSON.stringify(eventPattern);
  if (eventPatternText.length > maxEventPatternLength) {
    throw new EventBridgeConfigError(
      `Rule ${ruleName} on bus ${busName}: its event pattern is ${eventPatternText.length} characters; AWS refuses more than ${maxEventPatternLength} (and 2,048 unless the account's quota was raised). Split it into several rules.`,
    );
  }
  try {
    return { eventPatternText, matches: compileEventPattern(eventPattern) };
  } catch (error) {
    if (!(error instanceof InvalidEventPatternError)) throw error;
    throw new EventBridgeConfigError(`Rule ${ruleName} on bus ${busName}: ${error.message}. AWS would refuse it at deploy.`);
  }
};

export const createRegistry = (options: {
  region: string;
  accountId: string;
  buses: string[];
  rules: LocalRule[];
}): Registry => {
  const { region, accountId } = options;
  const buses = new Map<string, LocalBus>();
  for (const name of new Set(['default', ...options.buses])) {
    buses.set(name, { name, arn: `arn:aws:events:${region}:${accountId}:event-bus/${name}` });
  }
  const busNamed = (nameOrArn: string | undefined): LocalBus | undefined => {
    const name = nameOrArn ?? 'default';
    const arn = busArnPattern.exec(name);
    if (arn === null) return buses.get(name);
    const [, arnRegion, arnAccount, arnName = ''] = arn;
    return arnRegion === region && arnAccount === accountId ? buses.get(arnName) : undefined;
  };

  const rules = options.rules.map((candidate, index): RegisteredRule => {
    const parsed = ruleSchema.safeParse(candidate);
    if (!parsed.success) {
      throw new EventBridgeConfigError(`Local EventBridge ${describeRule(candidate, index)} is malformed: ${z.prettifyError(parsed.error)}`);
    }
    const rule = parsed.data;
    const bus = busNamed(rule.eventBusName);
    if (bus === undefined) {
      throw new EventBridgeConfigError(
        `Rule ${rule.name} is on event bus ${rule.eventBusName}, which is not declared: add it to the local buses.`,
      );
    }
    const { eventPatternText, matches } = compileRulePattern(rule.name, bus.name, rule.eventPattern);
    for (const target of rule.targets) checkTargetInput(rule.name, target);
    const arnPath = bus.name === 'default' ? rule.name : `${bus.name}/${rule.name}`;
    return {
      name: rule.name,
      arn: `arn:aws:events:${region}:${accountId}:rule/${arnPath}`,
      busName: bus.name,
      eventPatternText,
      matches,
      state: rule.state ?? 'ENABLED',
      targets: rule.targets,
      ...(rule.description === undefined ? {} : { description: rule.description }),
    };
  });

  const seen = new Set<string>();
  for (const rule of rules) {
    const key = `${rule.busName}/${rule.name}`;
    if (seen.has(key)) throw new EventBridgeConfigError(`Rule ${rule.name} is declared twice on bus ${rule.busName}: rename one.`);
    seen.add(key);
  }
  return { region, accountId, buses, rules, busNamed };
};
