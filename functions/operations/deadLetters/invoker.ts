import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import * as z from 'zod';

export type InvokeOutcome = { readonly ok: true } | { readonly ok: false; readonly error: string };

export interface FunctionInvokerPort {
  /** Runs the stream consumer on these records, synchronously, as its event source mapping would. */
  invoke(functionArn: string, event: { Records: readonly unknown[] }): Promise<InvokeOutcome>;
}

const partialFailureSchema = z.object({ batchItemFailures: z.array(z.object({ itemIdentifier: z.string().nullable().optional() })) });
const functionErrorSchema = z.object({ errorType: z.string().optional(), errorMessage: z.string().optional() });

const payloadOf = (bytes: Uint8Array | undefined): unknown => {
  const text = bytes === undefined ? '' : new TextDecoder().decode(bytes);
  try {
    return text === '' ? null : (JSON.parse(text) as unknown);
  } catch {
    return text;
  }
};

/**
 * Lambda Invoke (RequestResponse). A failure is what the event source mapping would count as one: a function error, or
 * batch item failures the function reported (our consumers use ReportBatchItemFailures).
 */
export const lambdaInvoker = (client: LambdaClient): FunctionInvokerPort => ({
  invoke: async (functionArn, event) => {
    const out = await client.send(new InvokeCommand({ FunctionName: functionArn, InvocationType: 'RequestResponse', Payload: new TextEncoder().encode(JSON.stringify(event)) }));
    const payload = payloadOf(out.Payload);
    if (out.FunctionError !== undefined) {
      const error = functionErrorSchema.safeParse(payload).data;
      return { ok: false, error: `${error?.errorType ?? out.FunctionError}: ${error?.errorMessage ?? 'the function failed'}` };
    }
    const failures = partialFailureSchema.safeParse(payload).data?.batchItemFailures ?? [];
    return failures.length === 0 ? { ok: true } : { ok: false, error: `the function reported ${failures.length} record(s) failed again, from ${String(failures[0]?.itemIdentifier)}` };
  },
});
