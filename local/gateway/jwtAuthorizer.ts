import { createLocalJWKSet, createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import type { JwtAuthorizerConfig } from '../config';
import type { LocalIssuer } from './issuer';

export type AuthorizationResult =
  | { readonly ok: true; readonly claims: Record<string, string>; readonly scopes: string[] | null }
  | { readonly ok: false; readonly status: 401 | 403; readonly wwwAuthenticate: string };

export interface JwtAuthorizer {
  authorize(headers: Readonly<Record<string, string>>, routeScopes: readonly string[] | undefined): Promise<AuthorizationResult>;
}

const discoverySchema = z.looseObject({ jwks_uri: z.url() });

// API Gateway only accepts RSA-signed tokens.
const rsaAlgorithms = ['RS256', 'RS384', 'RS512'];

const unauthorized = (description: string): AuthorizationResult => ({
  ok: false,
  status: 401,
  wwwAuthenticate: `Bearer scope="" error="invalid_token" error_description="${description}"`,
});

/**
 * Claims as API Gateway hands them to a payload 2.0 handler: every value a string, arrays as `[a b]`, nulls left
 * out, objects as JSON text. Handlers reading `cognito:groups` must parse `[admin reviewer]`, here as on AWS.
 */
export const renderClaims = (payload: JWTPayload): Record<string, string> =>
  Object.fromEntries(
    Object.entries(payload).flatMap(([name, value]): [string, string][] => {
      if (value === null || value === undefined) return [];
      if (Array.isArray(value)) return [[name, `[${value.map((item) => (typeof item === 'object' ? JSON.stringify(item) : String(item))).join(' ')}]`]];
      if (typeof value === 'object') return [[name, JSON.stringify(value)]];
      return [[name, String(value)]];
    }),
  );

const tokenScopes = (payload: JWTPayload): string[] => {
  const raw = payload.scope ?? payload.scp;
  if (typeof raw === 'string') return raw.split(' ').filter((scope) => scope.length > 0);
  return Array.isArray(raw) ? raw.filter((scope): scope is string => typeof scope === 'string') : [];
};

// API Gateway compares `aud` when present, else `client_id` (Cognito access tokens carry no aud).
const hasValidAudience = (payload: JWTPayload, audience: readonly string[]): boolean => {
  if (payload.aud !== undefined) return (Array.isArray(payload.aud) ? payload.aud : [payload.aud]).some((aud) => audience.includes(aud));
  return typeof payload.client_id === 'string' && audience.includes(payload.client_id);
};

const describeFailure = (error: unknown): string => {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'iss') return 'the token does not have a valid issuer';
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'nbf') return 'the token is not valid yet';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the token signature is invalid';
  if (error instanceof errors.JWKSNoMatchingKey) return 'the token was not signed by a key of the issuer';
  return 'the token is invalid';
};

/** Keys of the local issuer when it impersonates this authorizer's issuer, else the issuer's published JWKS. */
const keySetFor = (config: JwtAuthorizerConfig, issuer: LocalIssuer | undefined): JWTVerifyGetKey => {
  if (issuer !== undefined && issuer.issuerUrl === config.issuerUrl) return createLocalJWKSet(issuer.jwks());
  let remote: Promise<JWTVerifyGetKey> | undefined;
  return async (header, token) => {
    remote ??= fetch(`${config.issuerUrl.replace(/\/$/, '')}/.well-known/openid-configuration`)
      .then((response) => response.json())
      .then((discovery) => createRemoteJWKSet(new URL(discoverySchema.parse(discovery).jwks_uri)));
    return (await remote)(header, token);
  };
};

// The signature, issuer, expiry and audience checks; `failure` is the description API Gateway's 401 carries.
const verifiedPayload = async (token: string, keys: Parameters<typeof jwtVerify>[1], config: JwtAuthorizerConfig): Promise<{ payload: JWTPayload } | { failure: string }> => {
  let payload: JWTPayload;
  try {
    // API Gateway needs the kid to pick the issuer's key; jose alone would try a lone key without one.
    if (typeof decodeProtectedHeader(token).kid !== 'string') return { failure: 'the token has no kid header' };
    ({ payload } = await jwtVerify(token, keys, { issuer: config.issuerUrl, algorithms: rsaAlgorithms, clockTolerance: 0 }));
  } catch (error) {
    return { failure: describeFailure(error) };
  }
  if (typeof payload.iat === 'number' && payload.iat > Math.floor(Date.now() / 1000)) return { failure: 'the token was issued in the future' };
  if (!hasValidAudience(payload, config.audience)) return { failure: 'the token does not have a valid audience' };
  return { payload };
};

// A valid token still needs one of the route's scopes, when the route names any (403 otherwise).
const scopeDecision = (payload: JWTPayload, routeScopes: readonly string[] | undefined): AuthorizationResult => {
  const scopes = tokenScopes(payload);
  if (routeScopes !== undefined && routeScopes.length > 0) {
    if (!routeScopes.some((scope) => scopes.includes(scope)))
      return { ok: false, status: 403, wwwAuthenticate: `Bearer scope="${routeScopes.join(' ')}" error="insufficient_scope" error_description="expected scopes: [${routeScopes.join(' ')}]"` };
    return { ok: true, claims: renderClaims(payload), scopes };
  }
  // Measured on AWS: scopes are null unless the route requires some.
  return { ok: true, claims: renderClaims(payload), scopes: null };
};

/**
 * A JWT authorizer enforcing what API Gateway's does: a Bearer token from the identity source, RSA signature
 * by a key of the issuer, `iss`, `aud` or `client_id`, `exp` and `nbf`, then at least one of the route's scopes.
 */
export const createJwtAuthorizer = (config: JwtAuthorizerConfig, issuer?: LocalIssuer): JwtAuthorizer => {
  const keys = keySetFor(config, issuer);
  const headerName = config.identitySource.replace(/^\$request\.header\./i, '').toLowerCase();
  return {
    authorize: async (headers, routeScopes) => {
      const value = headers[headerName];
      if (value === undefined || value.trim() === '') return unauthorized('the token is missing');
      const token = value.trim().replace(/^Bearer\s+/i, '');
      const verified = await verifiedPayload(token, keys, config);
      if ('failure' in verified) return unauthorized(verified.failure);
      return scopeDecision(verified.payload, routeScopes);
    },
  };
};
