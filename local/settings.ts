import { resolve } from 'node:path';
import { z } from 'zod';
import type { ApiExchange } from './gateway';
import type { StateDeadlines } from './stepfunctions/stateDeadlines';

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

/**
 * What a user may override when starting the local cloud, all through the environment so `npm start` needs no
 * flags. Port 0 picks a free port (the tests use that).
 */
export const localSettingsSchema = z.object({
  SHOWRUNNER_API_PORT: port(3000),
  SHOWRUNNER_EDGE_PORT: port(4566),
  SHOWRUNNER_DYNAMODB_PORT: port(8000),
  SHOWRUNNER_S3_PORT: port(4569),
  /** The media distribution's local stand-in (local/playback): where published playback and thumbnail URLs point. */
  SHOWRUNNER_PLAYBACK_PORT: port(4570),
  SHOWRUNNER_WEB_PORT: port(5173),
  SHOWRUNNER_DATA_DIR: z.string().min(1).default('.local/data'),
  SHOWRUNNER_STAGE: z.string().min(1).default('dev'),
  SHOWRUNNER_CONFIG: z.string().min(1).default('serverless.yml'),
  /** Tests: every schedule rule fires this often instead of on its rate()/cron() expression. */
  SHOWRUNNER_SCHEDULE_PERIOD_MS: z.coerce.number().int().min(100).optional(),
});

export interface LocalSettings {
  /** `playback` unset: a free port, as 0 (tests). */
  readonly ports: { readonly api: number; readonly edge: number; readonly dynamodb: number; readonly s3: number; readonly playback?: number };
  readonly dataDir: string;
  readonly stage: string;
  /** serverless.yml to run; its folder is the service folder handler paths are relative to. */
  readonly configPath: string;
  /** When set, the web app is built if stale and served on this port (0: a free one), next to the API. */
  readonly web?: { readonly port: number };
  /** When set, every `schedule` rule fires this often (ms) instead of on its expression: for tests. */
  readonly schedulePeriodMs?: number;
  /** When set, told of every answer the API gives to a routed request: for tests. */
  readonly onApiExchange?: (exchange: ApiExchange) => void;
  /** When set, these Task states' TimeoutSeconds/HeartbeatSeconds replace the definitions' (by state name): for tests of a timeout path. */
  readonly stateDeadlines?: StateDeadlines;
  /**
   * When set, `${env:...}` in serverless.yml reads these over process.env: for a test stack that chooses a deployment
   * setting (SHOWRUNNER_MODERATION_BACKEND) without changing its jest worker's environment for the suites after it.
   */
  readonly configEnv?: Readonly<Record<string, string>>;
}

export class LocalSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocalSettingsError';
  }
}

export const readLocalSettings = (env: Readonly<Record<string, string | undefined>>): LocalSettings => {
  const parsed = localSettingsSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LocalSettingsError(`${String(issue?.path[0])}: ${issue?.message ?? 'invalid'}`);
  }
  const s = parsed.data;
  return {
    ports: { api: s.SHOWRUNNER_API_PORT, edge: s.SHOWRUNNER_EDGE_PORT, dynamodb: s.SHOWRUNNER_DYNAMODB_PORT, s3: s.SHOWRUNNER_S3_PORT, playback: s.SHOWRUNNER_PLAYBACK_PORT },
    web: { port: s.SHOWRUNNER_WEB_PORT },
    dataDir: resolve(s.SHOWRUNNER_DATA_DIR),
    stage: s.SHOWRUNNER_STAGE,
    configPath: resolve(s.SHOWRUNNER_CONFIG),
    ...(s.SHOWRUNNER_SCHEDULE_PERIOD_MS === undefined ? {} : { schedulePeriodMs: s.SHOWRUNNER_SCHEDULE_PERIOD_MS }),
  };
};
