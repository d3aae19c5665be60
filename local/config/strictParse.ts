import type { z } from 'zod';
import { ServerlessConfigError } from './errors';

const joinPath = (prefix: string, path: readonly PropertyKey[]): string =>
  path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text === '' ? String(key) : `${text}.${String(key)}`), prefix) ||
  '(root)';

interface Problem {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/**
 * For a value matching no branch of a union (`httpApi: string | object`), the branch that got furthest into
 * the value explains the mistake best: `method: must be GET, ...` rather than `Invalid input`.
 */
const deepestProblem = (issue: z.core.$ZodIssue): Problem => {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return issue;
  const candidates = issue.errors.flatMap((branch) =>
    branch.slice(0, 1).map((inner) => {
      const problem = deepestProblem(inner);
      return { path: [...issue.path, ...problem.path], message: problem.message };
    }),
  );
  return candidates.reduce<Problem>((best, candidate) => (candidate.path.length > best.path.length ? candidate : best), issue);
};

/** Validates one part of serverless.yml; the first problem becomes a one-line ServerlessConfigError. */
export const strictParse = <T>(schema: z.ZodType<T>, value: unknown, where: string): T => {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue === undefined) throw new ServerlessConfigError(where, 'is invalid');
  const problem = deepestProblem(issue);
  throw new ServerlessConfigError(joinPath(where, problem.path), problem.message.replace(/\s*\n\s*/g, ' '));
};
