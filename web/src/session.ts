// zod's mini build: the same checks at a fraction of the weight every page ships.
import { z } from 'zod/mini';

/** The signed-in user's tokens, kept for this tab only (sessionStorage): closing the tab signs out. */
const sessionSchema = z.object({ accessToken: z.string().check(z.minLength(1)), refreshToken: z.optional(z.string()), email: z.string() });
export type Session = z.output<typeof sessionSchema>;

const key = 'showrunner.session';

export const readSession = (): Session | null => {
  const raw = sessionStorage.getItem(key);
  if (raw === null) return null;
  try {
    return sessionSchema.parse(JSON.parse(raw));
  } catch {
    sessionStorage.removeItem(key);
    return null;
  }
};

export const writeSession = (session: Session | null): void => {
  if (session === null) sessionStorage.removeItem(key);
  else sessionStorage.setItem(key, JSON.stringify(session));
};
