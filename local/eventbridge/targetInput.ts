import { readJsonPath } from './jsonPath';
import type { EventBridgeEvent, RuleTarget } from './types';

export interface RuleContext {
  ruleName: string;
  ruleArn: string;
  ingestionTime: string;
}

const placeholder = /<([A-Za-z0-9_.-]+)>/g;

/**
 * Whether position `index` of `template` is inside a JSON string literal. A value substituted there is
 * inserted as text; outside a string it is inserted as JSON (so `<state>` becomes `"RUNNING"`).
 */
const insideString = (template: string, index: number): boolean => {
  let inside = false;
  for (let i = 0; i < index; i++) {
    if (template[i] === '\\') i++;
    else if (template[i] === '"') inside = !inside;
  }
  return inside;
};

const variablesOf = (
  event: EventBridgeEvent,
  context: RuleContext,
  inputPathsMap: Record<string, string>,
): Map<string, unknown> => {
  const variables = new Map<string, unknown>([
    ['aws.events.rule-arn', context.ruleArn],
    ['aws.events.rule-name', context.ruleName],
    ['aws.events.event', event],
    ['aws.events.event.ingestion-time', context.ingestionTime],
    ['aws.events.event.json', event],
  ]);
  for (const [name, path] of Object.entries(inputPathsMap)) {
    const value = readJsonPath(event, path);
    // AWS: "If you specify a variable to match a JSON path that doesn't exist in the event, that variable
    // isn't created" -- the placeholder then renders as nothing (quoted) or null (unquoted JSON).
    if (value !== undefined) variables.set(name, value);
  }
  return variables;
};

/**
 * Renders an InputTemplate. Inside a string literal a value is written as text (escaped so the result stays
 * JSON: AWS does not escape, which yields invalid JSON the target then rejects); elsewhere as JSON.
 */
export const renderInputTemplate = (
  template: string,
  event: EventBridgeEvent,
  context: RuleContext,
  inputPathsMap: Record<string, string> = {},
): string => {
  const variables = variablesOf(event, context, inputPathsMap);
  return template.replace(placeholder, (_whole, name: string, offset: number) => {
    if (!variables.has(name)) return insideString(template, offset) ? '' : 'null';
    const value = variables.get(name);
    if (!insideString(template, offset)) return JSON.stringify(value ?? null);
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return JSON.stringify(text).slice(1, -1);
  });
};

const parsedOrText = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/** What a target receives: the event, a constant Input, the InputPath part, or the transformed template. */
export const targetPayload = (target: RuleTarget, event: EventBridgeEvent, context: RuleContext): unknown => {
  if (target.input !== undefined) return parsedOrText(target.input);
  if (target.inputPath !== undefined) return readJsonPath(event, target.inputPath) ?? null;
  if (target.inputTransformer !== undefined) {
    const { inputTemplate, inputPathsMap } = target.inputTransformer;
    return parsedOrText(renderInputTemplate(inputTemplate, event, context, inputPathsMap));
  }
  return event;
};
