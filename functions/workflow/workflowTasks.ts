import { InvalidToken, SendTaskHeartbeatCommand, SendTaskSuccessCommand, TaskDoesNotExist, TaskTimedOut, type SFNClient } from '@aws-sdk/client-sfn';

/** What the workflow's callbacks need of Step Functions: `dead` when the token's wait is over (answered, timed out, ended). */
export interface WorkflowTasks {
  succeed(taskToken: string, output: unknown): Promise<'sent' | 'dead'>;
  heartbeat(taskToken: string): Promise<'sent' | 'dead'>;
}

const deadToken = (error: unknown) => error instanceof TaskTimedOut || error instanceof InvalidToken || error instanceof TaskDoesNotExist;

const sent = async (call: Promise<unknown>): Promise<'sent' | 'dead'> => {
  try {
    await call;
    return 'sent';
  } catch (error) {
    if (deadToken(error)) return 'dead';
    throw error;
  }
};

export const sfnWorkflowTasks = (sfn: Pick<SFNClient, 'send'>): WorkflowTasks => ({
  succeed: (taskToken, output) => sent(sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }))),
  heartbeat: (taskToken) => sent(sfn.send(new SendTaskHeartbeatCommand({ taskToken }))),
});
