import { DescribeExecutionCommand, ExecutionDoesNotExist, ListExecutionsCommand, type ExecutionStatus as SfnStatus, type SFNClient } from '@aws-sdk/client-sfn';
import * as z from 'zod';
import { executionStatuses, type ExecutionStatus } from '../../domain/show';

/** What the reprocess route and the reconciler ask Step Functions about runs of the publish workflow. */
export interface WorkflowExecutions {
  /** DescribeExecution's status of the run under this name; NOT_FOUND when Step Functions knows no such run. */
  readonly statusOf: (executionName: string) => Promise<ExecutionStatus>;
  /** Runs that ended (FAILED, TIMED_OUT, ABORTED) since `since`, with the show each ran for. */
  readonly endedSince: (since: string) => Promise<readonly EndedRun[]>;
}

export interface EndedRun {
  readonly executionName: string;
  readonly showId: string;
  readonly status: ExecutionStatus;
}

/** An execution's ARN is its state machine's with `execution` for `stateMachine` and the name after it. */
export const executionArnOf = (stateMachineArn: string, executionName: string) => `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${executionName}`;

const statusOf = (status: SfnStatus | string | undefined): ExecutionStatus => {
  const parsed = z.enum(executionStatuses).safeParse(status);
  return parsed.success ? parsed.data : 'NOT_FOUND';
};

const runInputSchema = z.object({ showId: z.string().min(1) });

/** What Step Functions accepts as an execution name. */
const executionNamePattern = /^[A-Za-z0-9_-]{1,80}$/;

const endedStatuses = ['FAILED', 'TIMED_OUT', 'ABORTED'] as const;
/** Pages of ListExecutions read per status and round: the newest first, so a bound keeps a round short. */
const maxPages = 10;

/** The port on Step Functions' API (DescribeExecution, ListExecutions) of one state machine. */
export const sfnWorkflowExecutions = (sfn: Pick<SFNClient, 'send'>, stateMachineArn: string): WorkflowExecutions => {
  const describe = async (executionName: string) => {
    // A correlation id that is no execution name (an API request id of a draft or an upload) names no run.
    if (!executionNamePattern.test(executionName)) return undefined;
    try {
      return await sfn.send(new DescribeExecutionCommand({ executionArn: executionArnOf(stateMachineArn, executionName) }));
    } catch (error) {
      if (error instanceof ExecutionDoesNotExist) return undefined;
      throw error;
    }
  };
  const listEnded = async (status: (typeof endedStatuses)[number], since: number) => {
    const names: string[] = [];
    let nextToken: string | undefined;
    for (let page = 0; page < maxPages; page += 1) {
      const listed = await sfn.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: status, nextToken, maxResults: 100 }));
      for (const execution of listed.executions ?? []) {
        if (execution.name !== undefined && (execution.stopDate?.getTime() ?? 0) >= since) names.push(execution.name);
      }
      nextToken = listed.nextToken;
      if (nextToken === undefined) break;
    }
    return names;
  };
  return {
    statusOf: async (executionName) => statusOf((await describe(executionName))?.status),
    endedSince: async (since) => {
      const runs: EndedRun[] = [];
      for (const status of endedStatuses) {
        for (const executionName of await listEnded(status, Date.parse(since))) {
          const described = await describe(executionName);
          const input = runInputSchema.safeParse(JSON.parse(described?.input ?? 'null'));
          if (input.success) runs.push({ executionName, showId: input.data.showId, status });
        }
      }
      return runs;
    },
  };
};
