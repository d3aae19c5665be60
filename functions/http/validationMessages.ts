import type { z } from 'zod';

/*
 * zod's default messages ("Invalid input: expected number, received string") are written for developers. A request
 * that fails its schemas gets one sentence per problem instead, naming the field: "body.sizeBytes must be a number".
 * A schema's own message (`.positive('must be more than 0')`) wins over these; these win over zod's defaults.
 */

type RawIssue = z.core.$ZodRawIssue;

const article = (noun: string) => (/^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`);

const typeNames: Readonly<Record<string, string>> = { int: 'whole number', nan: 'number', date: 'date' };

const invalidType = (issue: RawIssue & { expected?: string }): string => {
  if (issue.input === undefined) return 'is required';
  const expected = typeNames[issue.expected ?? ''] ?? issue.expected ?? 'value of another type';
  return `must be ${article(expected)}`;
};

const unit = (origin: unknown, count: number): string => {
  if (origin === 'string') return count === 1 ? ' character long' : ' characters long';
  if (origin === 'array' || origin === 'set') return count === 1 ? ' item' : ' items';
  return '';
};

type Bound = RawIssue & { origin?: string; minimum?: unknown; maximum?: unknown; inclusive?: boolean };

const tooSmall = (issue: Bound): string => {
  const minimum = Number(issue.minimum);
  if (issue.origin === 'string' && minimum === 1) return 'must not be empty';
  const phrase = issue.inclusive === false ? 'more than' : 'at least';
  return `must be ${phrase} ${minimum}${unit(issue.origin, minimum)}`;
};

const tooBig = (issue: Bound): string => {
  const maximum = Number(issue.maximum);
  const phrase = issue.inclusive === false ? 'less than' : 'at most';
  return `must be ${phrase} ${maximum}${unit(issue.origin, maximum)}`;
};

const oneOf = (values: readonly unknown[]): string =>
  values.length === 1 ? `must be ${JSON.stringify(values[0])}` : `must be one of ${values.map((value) => JSON.stringify(value)).join(', ')}`;

const formatNames: Readonly<Record<string, string>> = { datetime: 'date and time (ISO 8601, e.g. 2026-03-01T10:00:00Z)', date: 'date (YYYY-MM-DD)', email: 'email address', url: 'URL', uuid: 'UUID' };

const invalidFormat = (issue: RawIssue & { format?: string }): string =>
  issue.format === 'regex' || issue.format === undefined ? 'is not in the expected format' : `must be ${article(formatNames[issue.format] ?? issue.format)}`;

const unknownKeys = (keys: readonly string[]): string =>
  keys.length === 1 ? `has a field it does not take, ${keys[0]}: remove it` : `has fields it does not take, ${keys.join(', ')}: remove them`;

/** The readable words for one issue, for zod's per-parse `error` option; undefined leaves zod's own. */
export const readableIssue = (issue: RawIssue): string | undefined => {
  switch (issue.code) {
    case 'invalid_type':
      return invalidType(issue);
    case 'too_small':
      return tooSmall(issue);
    case 'too_big':
      return tooBig(issue);
    case 'invalid_value':
      return oneOf(issue.values);
    case 'invalid_format':
      return invalidFormat(issue);
    case 'unrecognized_keys':
      return unknownKeys(issue.keys);
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    case 'invalid_union':
      return 'matches none of the shapes this field accepts';
    default:
      return undefined;
  }
};

/** One problem of a request: where (body, path, query), the field, and a sentence a person can act on. */
export interface RequestProblem {
  readonly where: string;
  readonly path: string;
  readonly message: string;
}

export const problemsOf = (error: z.ZodError, where: string): RequestProblem[] =>
  error.issues.map((issue) => ({ where, path: issue.path.join('.'), message: issue.message }));

/** "body.sizeBytes must be a number": the field's full name, then what is wrong with it. */
export const sentenceOf = (problem: RequestProblem): string => `${problem.path === '' ? problem.where : `${problem.where}.${problem.path}`} ${problem.message}`;
