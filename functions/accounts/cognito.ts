import { z } from 'zod';
import { configOnce, type Env } from '../runtime/config';
import { cognitoClient } from '../runtime/sdk/cognito';

const poolConfig = configOnce(z.object({ USER_POOL_ID: z.string().min(1), USER_POOL_CLIENT_ID: z.string().min(1) }), 'user pool configuration');

/**
 * The user pool of this container. On AWS the SDK reaches Cognito; locally AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER
 * points it at the local Cognito, which speaks the same protocol, so these handlers are the same code on both.
 */
export const userPool = (env: Env = process.env) => {
  const c = poolConfig(env);
  return { client: cognitoClient(), userPoolId: c.USER_POOL_ID, clientId: c.USER_POOL_CLIENT_ID };
};
