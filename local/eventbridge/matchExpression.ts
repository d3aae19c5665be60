import { compileAnythingBut } from './anythingButMatch';
import { InvalidEventPatternError } from './errors';
import { compileCidr } from './ipAddress';
import { compileNumeric } from './numericMatch';
import { isPlainObject, type Scalar, type ValuesTest } from './patternValues';
import { compileWildcard } from './wildcard';

const anyValue =
  (test: (value: Scalar) => boolean): ValuesTest =>
  (values) =>
    values.some(test);

const anyString = (test: (value: string) => boolean): ValuesTest =>
  anyValue((value) => typeof value === 'string' && test(value));

const requireString = (operand: unknown, reason: string): string => {
  if (typeof operand !== 'string') throw new InvalidEventPatternError(reason);
  return operand;
};

/** `prefix`/`suffix` take a string or `{"equals-ignore-case": string}`. */
const compileAffix = (kind: 'prefix' | 'suffix', operand: unknown): ValuesTest => {
  const at = (value: string, affix: string) => (kind === 'prefix' ? value.startsWith(affix) : value.endsWith(affix));
  if (!isPlainObject(operand)) {
    const affix = requireString(operand, `${kind} match pattern must be a string`);
    return anyString((value) => at(value, affix));
  }
  const keys = Object.keys(operand);
  const capitalised = kind === 'prefix' ? 'Prefix' : 'Suffix';
  if (keys[0] === undefined) throw new InvalidEventPatternError(`${capitalised} expression name not found`);
  if (keys[0] !== 'equals-ignore-case') throw new InvalidEventPatternError(`Unsupported ${kind} pattern: ${keys[0]}`);
  if (keys.length > 1) throw new InvalidEventPatternError('Only one key allowed in match expression');
  const affix = requireString(operand[keys[0]], 'equals-ignore-case match pattern must be a string').toLowerCase();
  return anyString((value) => at(value.toLowerCase(), affix));
};

const compileExists = (operand: unknown): ValuesTest => {
  if (typeof operand !== 'boolean') throw new InvalidEventPatternError('exists match pattern must be either true or false.');
  return (values) => values.length > 0 === operand;
};

const compilers: Record<string, (operand: unknown) => ValuesTest> = {
  prefix: (operand) => compileAffix('prefix', operand),
  suffix: (operand) => compileAffix('suffix', operand),
  'equals-ignore-case': (operand) => {
    const expected = requireString(operand, 'equals-ignore-case match pattern must be a string').toLowerCase();
    return anyString((value) => value.toLowerCase() === expected);
  },
  wildcard: (operand) => anyString(compileWildcard(requireString(operand, 'wildcard match pattern must be a string'))),
  'anything-but': (operand) => anyValue(compileAnythingBut(operand)),
  numeric: (operand) => {
    const inRange = compileNumeric(operand);
    return anyValue((value) => typeof value === 'number' && inRange(value));
  },
  cidr: (operand) => anyString(compileCidr(requireString(operand, 'prefix match pattern must be a string'))),
  exists: compileExists,
};

/** One `{ "<operator>": operand }` object inside a pattern's value array. */
export const compileMatchExpression = (expression: Record<string, unknown>): ValuesTest => {
  const keys = Object.keys(expression);
  const operator = keys[0];
  if (operator === undefined) throw new InvalidEventPatternError('Match expression name not found');
  const compile = compilers[operator];
  if (compile === undefined) throw new InvalidEventPatternError(`Unrecognized match type ${operator}`);
  const test = compile(expression[operator]);
  if (keys.length > 1) throw new InvalidEventPatternError('Only one key allowed in match expression');
  return test;
};

export const matchOperators = Object.keys(compilers);
