import { archiveRules } from '../archives/archive';
import type { LocalService } from '../config';
import type { LocalRule } from '../eventbridge/types';
import { arnOfTarget } from './arns';

/** serverless.yml's EventBridge rules, with targets named by ARN as AWS names them. */
export const busRules = (service: LocalService): LocalRule[] => [
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
];
