import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { loadServerlessConfig } from './config';
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
  const authorizers = Object.entries(service.httpApi.authorizers);
  const chosen = values.authorizer === undefined ? authorizers[0] : authorizers.find(([name]) => name === values.authorizer);
  if (values.authorizer !== undefined && chosen === undefined)
    throw new TokenUsageError(`no JWT authorizer "${values.authorizer}" in serverless.yml; there are: ${authorizers.map(([name]) => name).join(', ') || 'none'}`);
  const issuer = await createLocalIssuer({
    dataDir: settings.dataDir,
    ...(chosen === undefined ? {} : { issuerUrl: chosen[1].issuerUrl, audience: chosen[1].audience[0] }),
  });
  const groups = list(values.groups);
  const scopes = list(values.scopes);
  const token = await issuer.mint({
    sub: values.sub,
    tokenUse: values.id ? 'id' : 'access',
    expiresInSeconds,
    ...(groups === undefined ? {} : { groups }),
    ...(scopes === undefined ? {} : { scopes }),
    ...(values.email === undefined ? {} : { email: values.email }),
  });
  process.stdout.write(`${token}\n`);
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
