import { ListTablesCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { EventBridgeService } from '../eventbridge/service';
import type { StepFunctionsService } from '../stepfunctions';
import type { HealthProbe } from './api';

/** What the health probe asks: the in-process services and the endpoints of the parts that run as servers. */
export interface HealthParts {
  readonly dynamodb: DynamoDBClient;
  readonly bus: EventBridgeService;
  readonly sfn: StepFunctionsService;
  readonly s3: string;
  readonly edge: string;
  readonly mediaconvert: string;
  readonly payments: string;
  readonly sqs: string;
}

const probe = async (check: () => Promise<unknown>): Promise<'up' | 'down'> => check().then(() => 'up' as const, () => 'down' as const);
const answers = (url: string) => fetch(url, { signal: AbortSignal.timeout(5_000) }).then((r) => r.arrayBuffer());

/** Each part's state, probed when asked (GET /health), not cached: a part that died shows as down at once. */
export const healthOf = (p: HealthParts): HealthProbe => async () => {
  const [dynamodbState, s3State, eventbridge, sfnState, cognito, mediaconvert, sqsState, paymentsState] = await Promise.all([
    probe(() => p.dynamodb.send(new ListTablesCommand({ Limit: 1 }))),
    probe(() => answers(p.s3)),
    probe(() => p.bus.handle('ListEventBuses', {}).then((r) => (r.status === 200 ? r : Promise.reject(new Error(String(r.status)))))),
    probe(() => p.sfn.listStateMachines({})),
    probe(() => answers(p.edge)),
    probe(() => answers(`${p.mediaconvert}/2017-08-29/jobs?maxResults=1`)),
    probe(() => answers(p.sqs)),
    probe(() => answers(p.payments)),
  ]);
  const parts = { dynamodb: dynamodbState, s3: s3State, eventbridge, sfn: sfnState, cognito, mediaconvert, sqs: sqsState, payments: paymentsState };
  return { ok: Object.values(parts).every((part) => part === 'up'), parts };
};
