import { DescribeExecutionCommand, ExecutionDoesNotExist, ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { executionArnOf, sfnWorkflowExecutions } from './executions';

const machine = 'arn:aws:states:eu-west-1:000000000000:stateMachine:showrunner-dev-publish';
const arnOf = (name: string) => executionArnOf(machine, name);

/** Step Functions' answers in memory: executions by name, each with its status, stop time and input. */
const sfnWith = (executions: { name: string; status: string; stopDate?: string; input: unknown }[]) => ({
  send: async (command: unknown) => {
    if (command instanceof ListExecutionsCommand) {
      const listed = executions.filter((e) => e.status === command.input.statusFilter);
      // Two pages, as ListExecutions pages with nextToken.
      const page = command.input.nextToken === undefined ? listed.slice(0, 1) : listed.slice(1);
      return { executions: page.map((e) => ({ name: e.name, status: e.status, stopDate: e.stopDate === undefined ? undefined : new Date(e.stopDate) })), nextToken: command.input.nextToken === undefined && listed.length > 1 ? 'next' : undefined };
    }
    if (command instanceof DescribeExecutionCommand) {
      const found = executions.find((e) => arnOf(e.name) === command.input.executionArn);
      if (found === undefined) throw new ExecutionDoesNotExist({ message: 'Execution Does Not Exist', $metadata: {} });
      return { status: found.status, input: JSON.stringify(found.input) };
    }
    throw new Error('unexpected command');
  },
});

describe('the publish workflow executions port', () => {
  const sfn = sfnWith([
    { name: 'run-1', status: 'RUNNING', input: { showId: 's-1' } },
    { name: 'run-2', status: 'ABORTED', stopDate: '2026-03-01T10:30:00.000Z', input: { showId: 's-2' } },
    { name: 'run-3', status: 'ABORTED', stopDate: '2026-03-01T10:50:00.000Z', input: { showId: 's-3' } },
    { name: 'run-4', status: 'FAILED', stopDate: '2026-03-01T09:00:00.000Z', input: { showId: 's-4' } },
    { name: 'run-5', status: 'TIMED_OUT', stopDate: '2026-03-01T10:45:00.000Z', input: { no: 'show' } },
  ]);
  const executions = sfnWorkflowExecutions(sfn, machine);

  it('names an execution by its ARN under the state machine', () => {
    expect(arnOf('run-1')).toBe('arn:aws:states:eu-west-1:000000000000:execution:showrunner-dev-publish:run-1');
  });

  it('says what Step Functions says of a run, and NOT_FOUND of a run it does not know', async () => {
    expect(await executions.statusOf('run-1')).toBe('RUNNING');
    expect(await executions.statusOf('run-2')).toBe('ABORTED');
    expect(await executions.statusOf('gone')).toBe('NOT_FOUND');
    // An API request id (a draft's correlation id) is no execution name: Step Functions would refuse the ARN.
    expect(await executions.statusOf('Xyz12abcDEF=')).toBe('NOT_FOUND');
  });

  it('lists the runs that ended since a time, across pages, with their show; skips a run whose input names none', async () => {
    expect(await executions.endedSince('2026-03-01T10:00:00.000Z')).toEqual([
      { executionName: 'run-2', showId: 's-2', status: 'ABORTED' },
      { executionName: 'run-3', showId: 's-3', status: 'ABORTED' },
    ]);
  });
});
