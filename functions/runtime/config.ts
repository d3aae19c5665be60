import type { z } from 'zod';

/** The process environment as handlers see it: every variable may be missing. */
export type Env = Readonly<Record<string, string | undefined>>;

export class ConfigurationError extends Error {
  constructor(what: string, problems: string) {
    super(`${what}: ${problems}; set them in serverless.yml (provider.environment or the function's environment)`);
    this.name = 'ConfigurationError';
  }
}

/**
 * Parses the environment once, at load, so a misconfigured function fails at cold start saying which variable,
 * instead of at the first request that happens to need it.
 */
export const readConfig = <T>(schema: z.ZodType<T>, env: Env, what: string): T => {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new ConfigurationError(what, parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; '));
  return parsed.data;
};

/** Reads a configuration once, on first use, and keeps it for the container's life. */
export const configOnce = <T>(schema: z.ZodType<T>, what: string) => {
  let config: T | undefined;
  return (env: Env = process.env): T => (config ??= readConfig(schema, env, what));
};
