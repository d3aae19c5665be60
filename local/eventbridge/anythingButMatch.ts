import { InvalidEventPatternError } from './errors';
import { isPlainObject, type Scalar } from './patternValues';
import { compileWildcard } from './wildcard';

type StringTest = (value: string) => boolean;

const stringTestMakers: Record<string, (operand: string) => StringTest> = {
  prefix: (operand) => (value) => value.startsWith(operand),
  suffix: (operand) => (value) => value.endsWith(operand),
  'equals-ignore-case': (operand) => {
    const lower = operand.toLowerCase();
    return (value) => value.toLowerCase() === lower;
  },
  wildcard: (operand) => compileWildcard(operand),
};

const stringOperands = (kind: string, operand: unknown): string[] => {
  const list = Array.isArray(operand) ? operand : [operand];
  if (list.length === 0 || !list.every((item): item is string => typeof item === 'string')) {
    throw new InvalidEventPatternError(
      kind === 'equals-ignore-case'
        ? 'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.'
        : `${kind} match pattern must be a string`,
    );
  }
  if ((kind === 'prefix' || kind === 'suffix') && list.some((item) => item === '')) {
    throw new InvalidEventPatternError('Null prefix/suffix not allowed');
  }
  return list;
};

/** `{"anything-but": {"prefix" | "suffix" | "equals-ignore-case" | "wildcard": string | string[]}}` */
const compileAnythingButOperator = (expression: Record<string, unknown>): ((value: Scalar) => boolean) => {
  const keys = Object.keys(expression);
  const kind = keys[0];
  if (kind === undefined) throw new InvalidEventPatternError('Anything-But expression name not found');
  const makeTest = stringTestMakers[kind];
  if (makeTest === undefined) throw new InvalidEventPatternError(`Unsupported anything-but pattern: ${kind}`);
  if (keys.length > 1) throw new InvalidEventPatternError('Too many elements in numeric expression');
  const excluded = stringOperands(kind, expression[kind]).map(makeTest);
  // Only strings can be excluded by a string operator: numbers, booleans and null always pass.
  return (value) => typeof value !== 'string' || !excluded.some((test) => test(value));
};

// EventBridge's own wording for an empty or mixed list, so a pattern refused here reads as AWS would refuse it.
const whyListRefused = (list: readonly unknown[]): string =>
  list.some((item) => typeof item !== 'string' && typeof item !== 'number')
    ? 'Inside anything but list, start|null|boolean is not supported.'
    : 'Inside anything but list, either all values are number or string, mixed type is not supported';

/** `{"anything-but": "x" | 5 | ["x", "y"] | [1, 2]}`: a value of the other kind is never excluded. */
const compileAnythingButValues = (operand: unknown): ((value: Scalar) => boolean) => {
  const list = Array.isArray(operand) ? operand : [operand];
  const allStrings = list.every((item) => typeof item === 'string');
  const allNumbers = list.every((item) => typeof item === 'number');
  if (!Array.isArray(operand) && !allStrings && !allNumbers) {
    throw new InvalidEventPatternError('Value of anything-but must be an array or single string/number value.');
  }
  if (list.length === 0 || (!allStrings && !allNumbers)) throw new InvalidEventPatternError(whyListRefused(list));
  const excluded = new Set<unknown>(list);
  const kind = allStrings && list.length > 0 ? 'string' : 'number';
  return (value) => typeof value !== kind || !excluded.has(value);
};

export const compileAnythingBut = (operand: unknown): ((value: Scalar) => boolean) =>
  isPlainObject(operand) ? compileAnythingButOperator(operand) : compileAnythingButValues(operand);
