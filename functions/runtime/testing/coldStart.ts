/**
 * Loads a handler module afresh with these variables set, as a Lambda cold start does: a module that reads its
 * configuration at load throws here, before any request.
 *
 * @example
 * await expect(coldStart(() => import('./handlers'), {})).rejects.toThrow(/USER_POOL_ID/);
 */
export const coldStart = (load: () => Promise<unknown>, env: Record<string, string>): Promise<void> =>
  jest.isolateModulesAsync(async () => {
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      await load();
    } finally {
      process.env = saved;
    }
  });
