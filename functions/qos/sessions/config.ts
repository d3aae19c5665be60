import * as z from 'zod';
import { readConfig } from '../../runtime/config';
import type { SessionTables } from './sessionStore';

const schema = z.object({ SESSION_EVENT_LOG_TABLE: z.string().min(1), VIEWER_SESSIONS_TABLE: z.string().min(1), SESSION_INSIGHTS_TABLE: z.string().min(1) });

export const sessionTablesOf = (env: Readonly<Record<string, string | undefined>>): SessionTables => {
  const config = readConfig(schema, env, 'viewer sessions configuration');
  return { log: config.SESSION_EVENT_LOG_TABLE, sessions: config.VIEWER_SESSIONS_TABLE, insights: config.SESSION_INSIGHTS_TABLE };
};
