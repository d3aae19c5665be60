import * as z from 'zod';

const emfLineSchema = z.looseObject({ _aws: z.looseObject({ CloudWatchMetrics: z.array(z.unknown()) }) });
type EmfLine = z.infer<typeof emfLineSchema>;

/**
 * Runs `act` with a fresh copy of the modules (so functions/runtime/metrics is created under the service name
 * set here) and returns the EMF lines Powertools Metrics wrote to stdout meanwhile.
 */
export const captureMetrics = async (act: () => Promise<void>): Promise<EmfLine[]> => {
  const lines: string[] = [];
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split('\n'));
    return true;
  });
  const saved = { ...process.env };
  Object.assign(process.env, { POWERTOOLS_SERVICE_NAME: 'showrunner-test', POWERTOOLS_METRICS_DISABLED: 'false' });
  try {
    await jest.isolateModulesAsync(act);
  } finally {
    write.mockRestore();
    process.env = saved;
  }
  return lines.flatMap((line) => {
    try {
      const parsed = emfLineSchema.safeParse(JSON.parse(line));
      return parsed.success ? [parsed.data] : [];
    } catch {
      return [];
    }
  });
};
