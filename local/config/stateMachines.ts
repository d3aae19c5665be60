import type { BuildContext } from './context';
import { eventBusNameOf } from './functionEvents';
import { resolveIntrinsics } from './intrinsics';
import type { EventRule, LocalStateMachine } from './model';
import { stateMachineArn } from './naming';
import { rawStateMachineEventBridgeSchema } from './rawSchema';
import { strictParse } from './strictParse';

/**
 * The deployed name of a serverless-step-functions state machine. Without `name:` CloudFormation would invent
 * one with a random suffix; locally the key stands in, so rules and ARNs stay stable across restarts.
 */
export const stateMachineNameOf = (key: string, explicitName: string | undefined): string => explicitName ?? key;

export const normalizeStateMachines = (context: BuildContext): LocalStateMachine[] =>
  Object.entries(context.raw.stepFunctions?.stateMachines ?? {}).map(([key, machine]) => {
    const name = stateMachineNameOf(key, machine.name);
    return {
      key,
      name,
      arn: stateMachineArn(context, name),
      type: machine.type ?? 'STANDARD',
      definition: resolveIntrinsics(machine.definition, context, `stepFunctions.stateMachines.${key}.definition`) as Record<string, unknown>,
    };
  });

/** Rules from serverless-step-functions' `events: - eventBridge:` (and its older `cloudwatchEvent:` spelling). */
export const stateMachineEventRules = (context: BuildContext): EventRule[] =>
  Object.entries(context.raw.stepFunctions?.stateMachines ?? {}).flatMap(([key, machine]) => {
    const name = stateMachineNameOf(key, machine.name);
    let ordinal = 0;
    return (machine.events ?? []).flatMap((event, index): EventRule[] => {
      const [kind = '', config] = Object.entries(event)[0] ?? [];
      if (kind !== 'eventBridge' && kind !== 'cloudwatchEvent') return [];
      ordinal += 1;
      const where = `stepFunctions.stateMachines.${key}.events[${index}].${kind}`;
      const rule = strictParse(rawStateMachineEventBridgeSchema, config, where);
      if (rule.enabled === false) return [];
      return [
        {
          name: rule.name ?? `${name}-rule-${ordinal}`,
          eventBusName: eventBusNameOf(rule.eventBusName, context, `${where}.eventBusName`),
          pattern: resolveIntrinsics(rule.event, context, `${where}.event`) as Record<string, unknown>,
          targets: [
            {
              kind: 'stateMachine',
              name,
              ...(rule.input === undefined ? {} : { input: resolveIntrinsics(rule.input, context, `${where}.input`) }),
              ...(rule.inputPath === undefined ? {} : { inputPath: rule.inputPath }),
              ...(rule.inputTransformer === undefined ? {} : { inputTransformer: rule.inputTransformer }),
            },
          ],
        },
      ];
    });
  });
