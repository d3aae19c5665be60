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

/** The function serverless.yml attaches to the user pool for `trigger` (a `cognitoUserPool` event), if any. */
export const cognitoTriggerFunction = (service: LocalService, trigger: string): string | undefined =>
  service.functions.find((fn) =>
    fn.events.some((event) => event.kind === 'unsupported' && event.type === 'cognitoUserPool' && (event.config as { trigger?: unknown } | null)?.trigger === trigger),
  )?.name;

/**
 * Cognito's API on the edge port: handlers reach it through AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER. Its Post
 * confirmation trigger runs through the local Lambda runtime (`invoke`), as Cognito invokes the function on AWS.
 */
export const cognitoEdgeRoute = (
  issuer: LocalIssuer,
  dataDir: string,
  wiring?: { readonly service: LocalService; readonly invoke: (functionName: string, event: unknown) => Promise<unknown> },
): EdgeRoute => {
  const postConfirmation = wiring === undefined ? undefined : cognitoTriggerFunction(wiring.service, 'PostConfirmation');
  return {
    targetPrefix: 'AWSCognitoIdentityProviderService',
    contentType: 'application/x-amz-json-1.1',
    service: createLocalCognito({
      issuer,
      dataDir,
      // The pool id is the last part of the JWT authorizer's issuer URL, as on AWS.
      ...(wiring === undefined ? {} : { userPool: { region: wiring.service.region, id: Object.values(wiring.service.httpApi.authorizers)[0]?.issuerUrl.split('/').pop() ?? 'local' } }),
      ...(wiring === undefined || postConfirmation === undefined ? {} : { triggers: { postConfirmation: (event) => wiring.invoke(postConfirmation, event) } }),
    }),
  };
};
