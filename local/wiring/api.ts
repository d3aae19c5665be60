import type { LocalService } from '../config';
import { startHttpApiGateway, type LocalIssuer } from '../gateway';
import type { LambdaRuntime } from '../lambda';
import type { LocalSettings } from '../settings';

export type HealthProbe = () => Promise<{ ok: boolean; parts: Record<string, 'up' | 'down'> }>;

/**
 * The HTTP API with the local token issuer standing in for Cognito: it signs for the issuer URL and audience of
 * the first JWT authorizer in serverless.yml, so the authorizer config written for AWS is the one enforced here.
 */
export const startApi = async (service: LocalService, settings: LocalSettings, runtime: LambdaRuntime, health: HealthProbe, issuer: LocalIssuer) => {
  void health;
  return startHttpApiGateway({
    port: settings.ports.api,
    routes: service.httpRoutes,
    cors: service.httpApi.cors,
    authorizers: service.httpApi.authorizers,
    invoke: (functionKey, event) => runtime.invoke(functionKey, event),
    issuer,
    accountId: service.accountId,
    ...(settings.onApiExchange === undefined ? {} : { onExchange: settings.onApiExchange }),
  });
};
