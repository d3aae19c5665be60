import { z } from 'zod';

const configSchema = z.object({
  EVENTS_TABLE: z.string().min(1),
  EVENT_BUS_NAME: z.string().min(1),
});
export type HealthConfig = z.infer<typeof configSchema>;

/** Read once at load: a function deployed without its variables fails at its first cold start, saying which. */
export const readHealthConfig = (env: Readonly<Record<string, string | undefined>>): HealthConfig => {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`health: missing or invalid environment: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  }
  return parsed.data;
};
