import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { z } from 'zod';

/**
 * Plays Cognito's part locally: signs RS256 tokens shaped like a user pool's, with a key kept under the data
 * folder so tokens survive a restart. It takes the issuer URL and audience of the JWT authorizer in serverless.yml,
 * so that authorizer config stays the one for the real user pool; the gateway checks local tokens against this
 * issuer's keys instead of fetching the pool's JWKS.
 */

/** Used when serverless.yml declares no JWT authorizer: a Cognito-shaped issuer that exists nowhere. */
export const localIssuerDefaults = {
  issuerUrl: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_showrunnerlocal',
  audience: 'showrunner-local',
} as const;

export interface LocalIssuerOptions {
  /** The local cloud's data folder; the key lives in `<dataDir>/issuer/signing-key.json`. */
  readonly dataDir: string;
  readonly issuerUrl?: string;
  /** The app client id: `client_id` of access tokens, `aud` of ID tokens. */
  readonly audience?: string;
  readonly now?: () => number;
}

export interface MintOptions {
  readonly sub: string;
  /** Become `cognito:groups`, which the handlers read as roles. */
  readonly groups?: readonly string[];
  /** Space-joined into `scope` (access tokens); Cognito's default is `aws.cognito.signin.user.admin`. */
  readonly scopes?: readonly string[];
  readonly tokenUse?: 'access' | 'id';
  readonly expiresInSeconds?: number;
  readonly notBeforeSeconds?: number;
  readonly username?: string;
  readonly email?: string;
  /** Overrides client_id / aud, e.g. to mint a token for another app client. */
  readonly audience?: string;
  readonly extraClaims?: Readonly<Record<string, unknown>>;
}

export interface LocalIssuer {
  readonly issuerUrl: string;
  readonly audience: string;
  readonly keyId: string;
  /** The public key set, as served at `/.well-known/jwks.json`. */
  jwks(): { keys: JWK[] };
  /** The OpenID discovery document, pointing at the JWKS URL where it is served. */
  openIdConfiguration(jwksUri: string): Record<string, unknown>;
  mint(options: MintOptions): Promise<string>;
}

const storedKeySchema = z.looseObject({ kty: z.literal('RSA'), kid: z.string(), n: z.string(), e: z.string(), d: z.string() });

const loadOrCreateKey = async (file: string): Promise<JWK & { kid: string }> => {
  try {
    return storedKeySchema.parse(JSON.parse(await readFile(file, 'utf8')));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new Error(`${file} is not a signing key written by the local issuer: delete it to get a new one (tokens minted before stop working)`, { cause: error });
  }
  const { privateKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
  const jwk = await exportJWK(privateKey);
  const key = { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'RS256', use: 'sig' };
  await mkdir(join(file, '..'), { recursive: true });
  await writeFile(file, JSON.stringify(key), { mode: 0o600 });
  return key;
};

const publicPart = ({ kty, kid, n, e, alg, use }: JWK): JWK => ({ kty, kid, n, e, alg: alg ?? 'RS256', use: use ?? 'sig' });

const cognitoClaims = (options: MintOptions, audience: string): Record<string, unknown> => {
  const groups = options.groups === undefined || options.groups.length === 0 ? {} : { 'cognito:groups': [...options.groups] };
  const username = options.username ?? options.sub;
  if (options.tokenUse === 'id')
    return { ...groups, aud: audience, token_use: 'id', 'cognito:username': username, ...(options.email === undefined ? {} : { email: options.email, email_verified: true }) };
  return {
    ...groups,
    client_id: audience,
    token_use: 'access',
    scope: (options.scopes ?? ['aws.cognito.signin.user.admin']).join(' '),
    username,
    origin_jti: randomUUID(),
    event_id: randomUUID(),
  };
};

export const createLocalIssuer = async (options: LocalIssuerOptions): Promise<LocalIssuer> => {
  const issuerUrl = options.issuerUrl ?? localIssuerDefaults.issuerUrl;
  const audience = options.audience ?? localIssuerDefaults.audience;
  const now = options.now ?? Date.now;
  const key = await loadOrCreateKey(join(options.dataDir, 'issuer', 'signing-key.json'));
  const signingKey = await importJWK(key, 'RS256');
  return {
    issuerUrl,
    audience,
    keyId: key.kid,
    jwks: () => ({ keys: [publicPart(key)] }),
    openIdConfiguration: (jwksUri) => ({
      issuer: issuerUrl,
      jwks_uri: jwksUri,
      response_types_supported: ['code', 'token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: ['openid', 'email', 'profile'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    }),
    mint: async (mintOptions) => {
      const issuedAt = Math.floor(now() / 1000);
      const jwt = new SignJWT({ ...cognitoClaims(mintOptions, mintOptions.audience ?? audience), auth_time: issuedAt, ...mintOptions.extraClaims })
        .setProtectedHeader({ alg: 'RS256', kid: key.kid })
        .setSubject(mintOptions.sub)
        .setIssuer(issuerUrl)
        .setIssuedAt(issuedAt)
        .setJti(randomUUID())
        .setExpirationTime(issuedAt + (mintOptions.expiresInSeconds ?? 3600));
      if (mintOptions.notBeforeSeconds !== undefined) jwt.setNotBefore(issuedAt + mintOptions.notBeforeSeconds);
      return jwt.sign(signingKey);
    },
  };
};
