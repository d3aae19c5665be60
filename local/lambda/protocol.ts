import { z } from 'zod';

/** Messages between the runtime (main thread) and a function's worker. */

export const workerSetupSchema = z.strictObject({
  handlerFile: z.string(),
  handlerExport: z.string(),
  functionName: z.string(),
  memorySize: z.number(),
  region: z.string(),
  accountId: z.string(),
});
export type WorkerSetup = z.infer<typeof workerSetupSchema>;

export const invokeRequestSchema = z.strictObject({
  kind: z.literal('invoke'),
  awsRequestId: z.string(),
  /** The event as JSON text: Lambda hands handlers a JSON-parsed copy, never a shared object. */
  eventJson: z.string(),
  deadlineMs: z.number(),
});
export type InvokeRequest = z.infer<typeof invokeRequestSchema>;

export const workerMessageSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('ready') }),
  z.strictObject({ kind: z.literal('result'), awsRequestId: z.string(), resultJson: z.string() }),
  z.strictObject({
    kind: z.literal('error'),
    awsRequestId: z.string().nullable(),
    errorType: z.string(),
    errorMessage: z.string(),
    trace: z.array(z.string()),
    /** Init and runtime failures leave the sandbox unusable: the runtime discards the worker. */
    fatal: z.boolean(),
  }),
]);
export type WorkerMessage = z.infer<typeof workerMessageSchema>;
