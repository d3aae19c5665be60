/**
 * Cognito's answer to password guessing, per username: after `freeAttempts` failures each further failure locks
 * the name for twice as long as the last (1 s, 2 s, 4 s ... up to `maxLockMs`); a success clears it. Unknown names
 * are counted the same way, so the lockout says nothing about who exists.
 */
export const createLockout = (options: { freeAttempts?: number; maxLockMs?: number; now?: () => number } = {}) => {
  const freeAttempts = options.freeAttempts ?? 5;
  const maxLockMs = options.maxLockMs ?? 15 * 60_000;
  const now = options.now ?? Date.now;
  const failures = new Map<string, { count: number; lockedUntil: number }>();
  return {
    locked: (name: string): boolean => (failures.get(name)?.lockedUntil ?? 0) > now(),
    failed: (name: string): void => {
      const count = (failures.get(name)?.count ?? 0) + 1;
      const lockMs = count < freeAttempts ? 0 : Math.min(maxLockMs, 1000 * 2 ** (count - freeAttempts));
      failures.set(name, { count, lockedUntil: now() + lockMs });
    },
    succeeded: (name: string): void => void failures.delete(name),
  };
};
