import * as z from 'zod';
import type { EventStore } from '../../adapters/eventstore';
import { systemClock, type Clock } from '../runtime/clock';
import { readConfig, type Env } from '../runtime/config';
import { eventStore } from '../runtime/eventStore';
import { cognitoClient } from '../runtime/sdk/cognito';
import { cognitoUserPool, type UserPool } from './userPool';

/** The ports of the account routes; accountsApi is built on them once per container, tests give their own. */
export interface AccountsDeps {
  readonly store: EventStore;
  readonly pool: UserPool;
  readonly clock: Clock;
}

const poolSchema = z.object({ USER_POOL_ID: z.string().min(1), USER_POOL_CLIENT_ID: z.string().min(1) });

/** This container's account ports from its environment, read at load: a missing pool id fails the cold start. */
export const accountsDeps = (env: Env = process.env): AccountsDeps => {
  const c = readConfig(poolSchema, env, 'user pool configuration');
  return { store: eventStore(env), pool: cognitoUserPool(cognitoClient(), { userPoolId: c.USER_POOL_ID, clientId: c.USER_POOL_CLIENT_ID }), clock: systemClock };
};
