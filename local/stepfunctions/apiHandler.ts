import { z } from 'zod';
import * as shapes from './apiShapes';
import { StepFunctionsApiError } from './errors';
import type { StepFunctionsService } from './service';
import { toWire } from './wire';

const operationsOf = (service: Omit<StepFunctionsService, 'handle'>): Record<string, (body: unknown) => Promise<unknown>> => ({
    StartExecution: (body) => service.startExecution(shapes.startExecutionRequest.parse(body)),
    DescribeExecution: (body) => service.describeExecution(shapes.executionArnRequest.parse(body)),
    ListStateMachines: (body) => service.listStateMachines(shapes.listStateMachinesRequest.parse(body ?? {})),
    DescribeStateMachine: (body) => service.describeStateMachine(shapes.stateMachineArnRequest.parse(body)),
    ListExecutions: (body) => service.listExecutions(shapes.listExecutionsRequest.parse(body)),
    GetExecutionHistory: (body) => service.getExecutionHistory(shapes.getExecutionHistoryRequest.parse(body)),
    StopExecution: (body) => service.stopExecution(shapes.stopExecutionRequest.parse(body)),
    SendTaskSuccess: (body) => service.sendTaskSuccess(shapes.sendTaskSuccessRequest.parse(body)),
    SendTaskFailure: (body) => service.sendTaskFailure(shapes.sendTaskFailureRequest.parse(body)),
    SendTaskHeartbeat: (body) => service.sendTaskHeartbeat(shapes.sendTaskHeartbeatRequest.parse(body)),
  });

/** Answers one AWS JSON protocol call of the local Step Functions; errors come back as `{ __type, message }`. */
export const apiHandler = (service: Omit<StepFunctionsService, 'handle'>): StepFunctionsService['handle'] => {
  const operations = operationsOf(service);
  return async (operation, body) => {
    const run = operations[operation];
    if (!run) return { status: 400, body: { __type: 'UnknownOperationException', message: `The local Step Functions does not implement ${operation}` } };
    try {
      return { status: 200, body: toWire(await run(body)) };
    } catch (error) {
      if (error instanceof z.ZodError) return { status: 400, body: { __type: 'ValidationException', message: z.prettifyError(error) } };
      if (error instanceof StepFunctionsApiError) return { status: error.status, body: { __type: error.code, message: error.message } };
      return { status: 500, body: { __type: 'InternalFailure', message: error instanceof Error ? error.message : String(error) } };
    }
  };

};
