import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

const poolSchema = z.object({
  users: z.array(
    z.object({ sub: z.string(), username: z.string(), email: z.string(), passwordHash: z.string(), confirmed: z.boolean(), groups: z.array(z.string()), enabled: z.boolean().default(true) }),
  ),
  /** Refresh tokens by SHA-256 (never the tokens themselves), each tied to the session it continues. */
  refreshTokens: z.record(z.string(), z.object({ sub: z.string(), session: z.string() })),
  /** Sessions (origin_jti) still alive; signing out removes them, which revokes their tokens. */
  sessions: z.record(z.string(), z.string()),
});
export type PoolData = z.infer<typeof poolSchema>;
export type PoolUser = PoolData['users'][number];

/** The pool's users, refresh tokens and live sessions, kept in one JSON file so they survive a restart. */
export const fileUserStore = (file: string | undefined) => {
  const load = (): PoolData => {
    if (file === undefined) return { users: [], refreshTokens: {}, sessions: {} };
    try {
      return poolSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { users: [], refreshTokens: {}, sessions: {} };
      throw new Error(`${file} is not a user pool written by the local Cognito: delete it to start with no users`, { cause: error });
    }
  };
  const data = load();
  return {
    data,
    save: (): void => {
      if (file === undefined) return;
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(data), { mode: 0o600 });
    },
    /** Admin APIs name a user by username (the sub, in an email-as-username pool) or by email alias. */
    find: (name: string): PoolUser | undefined => data.users.find((u) => u.sub === name || u.username === name.toLowerCase()),
  };
};
