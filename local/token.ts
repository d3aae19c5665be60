import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { loadServerlessConfig, type LocalService } from './config';
import { createLocalIssuer } from './gateway/issuer';
import { readLocalSettings } from './settings';

/**
 * Prints a token the local API accepts, signed with the local issuer's key under the data folder, for the issuer
 * and audience of the JWT authorizer in serverless.yml (the first one, or --authorizer <name>).
 *
 *   npx tsx local/token.ts --sub alice --groups admin,reviewer [--scopes a,b] [--id] [--expires 3600]
 */

const usage = 'usage: npx tsx local/token.ts --sub <user id> [--groups a,b] [--scopes a,b] [--id] [--email x] [--expires <seconds>] [--authorizer <name>]';

class TokenUsageError extends Error {
  constructor(problem: string) {
    super(`${problem}\n${usage}`);
    this.name = 'TokenUsageError';
  }
}

const list = (value: string | undefined): string[] | undefined => (value === undefined ? undefined : value.split(',').map((item) => item.trim()).filter((item) => item.length > 0));

// --authorizer names one of serverless.yml's JWT authorizers; without it the first one (if any) is used.
const chosenAuthorizer = (service: LocalService, name: string | undefined) => {
  const authorizers = Object.entries(service.httpApi.authorizers);
  const chosen = name === undefined ? authorizers[0] : authorizers.find(([key]) => key === name);
  if (name !== undefined && chosen === undefined)
    throw new TokenUsageError(`no JWT authorizer "${name}" in serverless.yml; there are: ${authorizers.map(([key]) => key).join(', ') || 'none'}`);
  return chosen;
};

// Claims the token carries only when their option is given.
const optionalClaims = (values: { groups?: string | undefined; scopes?: string | undefined; email?: string | undefined }) => {
  const groups = list(values.groups);
  const scopes = list(values.scopes);
  return {
    ...(groups === undefined ? {} : { groups }),
    ...(scopes === undefined ? {} : { scopes }),
    ...(values.email === undefined ? {} : { email: values.email }),
  };
};

const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: {
      sub: { type: 'string' },
      groups: { type: 'string' },
      scopes: { type: 'string' },
      id: { type: 'boolean', default: false },
      email: { type: 'string' },
      expires: { type: 'string', default: '3600' },
      authorizer: { type: 'string' },
    },
  });
  if (values.sub === undefined || values.sub === '') throw new TokenUsageError('--sub is required');
  const expiresInSeconds = Number(values.expires);
  if (!Number.isInteger(expiresInSeconds)) throw new TokenUsageError('--expires must be a whole number of seconds');
  const settings = readLocalSettings(process.env);
  const service = await loadServerlessConfig({ serviceDir: dirname(settings.configPath), configFile: settings.configPath, stage: settings.stage });
  const chosen = chosenAuthorizer(service, values.authorizer);
  const issuer = await createLocalIssuer({
    dataDir: settings.dataDir,
    ...(chosen === undefined ? {} : { issuerUrl: chosen[1].issuerUrl, audience: chosen[1].audience[0] }),
  });
  const token = await issuer.mint({ sub: values.sub, tokenUse: values.id ? 'id' : 'access', expiresInSeconds, ...optionalClaims(values) });
  process.stdout.write(`${token}\n`);
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
