import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { z } from 'zod';
import { readConfig } from '../shared/eventStore';

let client: CognitoIdentityProviderClient | undefined;
let pool: { userPoolId: string; clientId: string } | undefined;

/**
 * The user pool of this container. On AWS the SDK reaches Cognito; locally AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER
 * points it at the local Cognito, which speaks the same protocol, so these handlers are the same code on both.
 */
export const userPool = (env: Readonly<Record<string, string | undefined>> = process.env) => {
  pool ??= (() => {
    const c = readConfig(z.object({ USER_POOL_ID: z.string().min(1), USER_POOL_CLIENT_ID: z.string().min(1) }), env, 'user pool configuration');
    return { userPoolId: c.USER_POOL_ID, clientId: c.USER_POOL_CLIENT_ID };
  })();
  client ??= new CognitoIdentityProviderClient({});
  return { client, ...pool };
};
