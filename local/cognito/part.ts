import type { LocalService } from '../config';
import type { EdgeRoute } from '../edge';
import { createLocalIssuer, type LocalIssuer } from '../gateway';
import { createLocalCognito } from './service';

/**
 * The local issuer plays the user pool's signing part for the issuer URL and audience of the first JWT authorizer in
 * serverless.yml, so the authorizer config written for AWS is the one enforced here; the gateway trusts its keys and
 * the local Cognito signs users' tokens with it.
 */
export const localIssuerFor = (service: LocalService, dataDir: string): Promise<LocalIssuer> => {
  const firstAuthorizer = Object.values(service.httpApi.authorizers)[0];
  return createLocalIssuer({
    dataDir,
    ...(firstAuthorizer === undefined ? {} : { issuerUrl: firstAuthorizer.issuerUrl, audience: firstAuthorizer.audience[0] }),
  });
};

/** Cognito's API on the edge port: handlers reach it through AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER. */
export const cognitoEdgeRoute = (issuer: LocalIssuer, dataDir: string): EdgeRoute => ({
  targetPrefix: 'AWSCognitoIdentityProviderService',
  contentType: 'application/x-amz-json-1.1',
  service: createLocalCognito({ issuer, dataDir }),
});
