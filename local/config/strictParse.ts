import type { z } from 'zod';
import { ServerlessConfigError } from './errors';

const joinPath = (prefix: string, path: readonly PropertyKey[]): string =>
  path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text === '' ? String(key) : `${text}.${String(key)}`), prefix) ||
  '(root)';

/** Validates one part of serverless.yml; the first problem becomes a one-line ServerlessConfigError. */
export const strictParse = <T>(schema: z.ZodType<T>, value: unknown, where: string): T => {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue === undefined) throw new ServerlessConfigError(where, 'is invalid');
  throw new ServerlessConfigError(joinPath(where, issue.path), issue.message);
};
