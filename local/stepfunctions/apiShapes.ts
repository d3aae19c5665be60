import { z } from 'zod';

/** Request bodies of the Step Functions operations the local service answers, as the AWS JSON protocol carries them. */
export const startExecutionRequest = z.object({
  stateMachineArn: z.string().min(1),
  name: z.string().optional(),
  input: z.string().optional(),
  traceHeader: z.string().optional(),
});
export const executionArnRequest = z.object({ executionArn: z.string().min(1) });
export const stateMachineArnRequest = z.object({ stateMachineArn: z.string().min(1) });
export const listStateMachinesRequest = z.object({ maxResults: z.number().int().min(0).max(1000).optional(), nextToken: z.string().optional() });
export const listExecutionsRequest = z.object({
  stateMachineArn: z.string().min(1),
  statusFilter: z.enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE']).optional(),
  maxResults: z.number().int().min(0).max(1000).optional(),
  nextToken: z.string().optional(),
});
export const getExecutionHistoryRequest = z.object({
  executionArn: z.string().min(1),
  maxResults: z.number().int().min(0).max(1000).optional(),
  nextToken: z.string().optional(),
  reverseOrder: z.boolean().optional(),
  includeExecutionData: z.boolean().optional(),
});
export const stopExecutionRequest = z.object({ executionArn: z.string().min(1), error: z.string().max(256).optional(), cause: z.string().max(32768).optional() });
export const sendTaskSuccessRequest = z.object({ taskToken: z.string().min(1).max(2048), output: z.string() });
export const sendTaskFailureRequest = z.object({
  taskToken: z.string().min(1).max(2048),
  error: z.string().max(256).optional(),
  cause: z.string().max(32768).optional(),
});
export const sendTaskHeartbeatRequest = z.object({ taskToken: z.string().min(1).max(2048) });

export type StartExecutionRequest = z.infer<typeof startExecutionRequest>;
export type ExecutionArnRequest = z.infer<typeof executionArnRequest>;
export type StateMachineArnRequest = z.infer<typeof stateMachineArnRequest>;
export type ListStateMachinesRequest = z.infer<typeof listStateMachinesRequest>;
export type ListExecutionsRequest = z.infer<typeof listExecutionsRequest>;
export type GetExecutionHistoryRequest = z.infer<typeof getExecutionHistoryRequest>;
export type StopExecutionRequest = z.infer<typeof stopExecutionRequest>;
export type SendTaskSuccessRequest = z.infer<typeof sendTaskSuccessRequest>;
export type SendTaskFailureRequest = z.infer<typeof sendTaskFailureRequest>;
export type SendTaskHeartbeatRequest = z.infer<typeof sendTaskHeartbeatRequest>;
