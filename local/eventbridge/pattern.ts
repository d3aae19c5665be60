import { InvalidEventPatternError } from './errors';
import { compileExactString } from './ipAddress';
import { compileMatchExpression, matchOperators } from './matchExpression';
import {
  fieldOf,
  isPlainObject,
  leafValues,
  objectCandidates,
  type Scalar,
  type ValuesTest,
} from './patternValues';
import type { EventBridgeEvent } from './types';

/** A compiled pattern: decides whether one event (any JSON object) matches. */
export type EventPatternMatcher = (event: Readonly<Record<string, unknown>>) => boolean;

type NodeTest = (node: Record<string, unknown> | undefined) => boolean;

/** Names Event Ruler refuses as field names inside `$or` branches (they read as misplaced operators). */
const reservedInsideOr = new Set([
  ...matchOperators,
  'exactly', 'html', '=', '<', '<=', '>', '>=', 'regex', 'not-wildcard', 'not-equals-ignore-case', 'date-after',
  'date-on-or-after', 'date-before', 'date-on-or-before', 'in-date-range', 'ip-address-in-range',
  'ip-address-not-in-range',
]);

const compileLiteral = (literal: Scalar): ValuesTest => {
  if (typeof literal === 'string') {
    const equals = compileExactString(literal);
    return (values) => values.some((value) => typeof value === 'string' && equals(value));
  }
  // A number matches numerically (300 = 300.0) but never the string "300"; booleans and null match themselves.
  return (values) => values.some((value) => value === literal);
};

const compileValueArray = (values: unknown[]): ValuesTest => {
  if (values.length === 0) throw new InvalidEventPatternError('Empty arrays are not allowed');
  const tests = values.map((value): ValuesTest => {
    if (isPlainObject(value)) return compileMatchExpression(value);
    if (Array.isArray(value) || value === undefined) {
      throw new InvalidEventPatternError('Match value must be String, number, true, false, or null');
    }
    return compileLiteral(value as Scalar);
  });
  return (eventValues) => tests.some((test) => test(eventValues));
};

const compileOr = (branches: unknown): NodeTest => {
  if (!Array.isArray(branches)) throw new InvalidEventPatternError('It must be an Array followed with $or.');
  if (!branches.every(isPlainObject)) {
    throw new InvalidEventPatternError('Only JSON object is allowed in array of $or relationship.');
  }
  if (branches.length < 2) throw new InvalidEventPatternError('There must have at least 2 Objects in $or relationship.');
  const tests = branches.map((branch) => compileObject(branch, true));
  return (node) => tests.some((test) => test(node));
};

/**
 * A nested pattern applies inside one object: when the event holds an array of objects, all the nested
 * fields must match within the same element (EventBridge's array-consistent matching). A missing parent is
 * an object whose fields are all absent, so `exists: false` below it still matches.
 */
const compileNested = (pattern: Record<string, unknown>, insideOr: boolean): ((value: unknown) => boolean) => {
  const test = compileObject(pattern, insideOr);
  return (value) => {
    const candidates = objectCandidates(value);
    return candidates.length === 0 ? test(undefined) : candidates.some(test);
  };
};

const compileField = (key: string, value: unknown, insideOr: boolean): NodeTest => {
  if (key === '$or') return compileOr(value);
  if (insideOr && reservedInsideOr.has(key)) {
    throw new InvalidEventPatternError(`${key} is Ruler reserved fieldName which cannot be used inside $or.`);
  }
  if (Array.isArray(value)) {
    const test = compileValueArray(value);
    return (node) => test(leafValues(fieldOf(node, key)));
  }
  if (isPlainObject(value)) {
    const test = compileNested(value, insideOr);
    return (node) => test(fieldOf(node, key));
  }
  throw new InvalidEventPatternError(`"${key}" must be an object or an array`);
};

function compileObject(pattern: Record<string, unknown>, insideOr: boolean): NodeTest {
  const fields = Object.entries(pattern);
  if (fields.length === 0) throw new InvalidEventPatternError('Empty objects are not allowed');
  const tests = fields.map(([key, value]) => compileField(key, value, insideOr));
  return (node) => tests.every((test) => test(node));
}

/**
 * Checks a pattern the way EventBridge does at PutRule/TestEventPattern and returns a reusable matcher.
 * Accepts the pattern as parsed JSON or as the JSON text the API carries.
 * @throws InvalidEventPatternError with AWS's "Event pattern is not valid. Reason: ..." message.
 */
export const compileEventPattern = (pattern: unknown): EventPatternMatcher => {
  let parsed = pattern;
  if (typeof pattern === 'string') {
    try {
      parsed = JSON.parse(pattern);
    } catch (error) {
      throw new InvalidEventPatternError(`Filter is not valid JSON: ${(error as Error).message}`);
    }
  }
  if (!isPlainObject(parsed)) throw new InvalidEventPatternError('Filter is not an object');
  const test = compileObject(parsed, false);
  return (event) => test(event);
};

/** @throws InvalidEventPatternError when EventBridge would refuse the pattern. */
export const validateEventPattern = (pattern: unknown): void => {
  compileEventPattern(pattern);
};

const compiledByPattern = new WeakMap<object, EventPatternMatcher>();

/**
 * Whether `event` matches `pattern` under EventBridge's semantics. Object patterns are compiled once and
 * cached; for hot paths hold the result of `compileEventPattern` instead.
 * @example matchesEventPattern({ source: [{ prefix: 'showrunner.' }] }, event)
 */
export const matchesEventPattern = (
  pattern: unknown,
  event: EventBridgeEvent | Readonly<Record<string, unknown>>,
): boolean => {
  if (typeof pattern !== 'object' || pattern === null) return compileEventPattern(pattern)(event);
  let matcher = compiledByPattern.get(pattern);
  if (matcher === undefined) {
    matcher = compileEventPattern(pattern);
    compiledByPattern.set(pattern, matcher);
  }
  return matcher(event);
};
