export { startHttpApiGateway, type ApiExchange, type HttpApiGateway, type HttpApiGatewayOptions } from './server';
export { createLocalIssuer, localIssuerDefaults, type LocalIssuer, type LocalIssuerOptions, type MintOptions } from './issuer';
export { createJwtAuthorizer, renderClaims, type AuthorizationResult, type JwtAuthorizer } from './jwtAuthorizer';
export { buildHttpApiEvent, type HttpApiEvent } from './event';
export { mapLambdaResult } from './response';
export { createRouter, type RouteMatch } from './routing';
