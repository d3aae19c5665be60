import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startLocalCloud, type LocalCloud } from '../local/cloud';
import { localIssuerFor } from '../local/cognito/part';
import type { ApiExchange } from '../local/gateway';
import { documentedAnswers } from './documentedAnswers';

export interface E2eStack {
  readonly cloud: LocalCloud;
  /** The stack's data folder (inside a temp folder of its own). */
  readonly dataDir: string;
  /** A token the stack's JWT authorizer accepts, as the user pool would issue it. */
  token(sub: string, groups: readonly string[]): Promise<string>;
  /**
   * Stops the stack and deletes its data; then fails if any answer the API gave during the suite is not what the
   * OpenAPI document says that route answers (an undocumented status, a body off its schema).
   */
  stop(): Promise<void>;
}

export interface E2eStackOptions {
  readonly schedulePeriodMs?: number;
  readonly web?: { readonly port: number };
  /**
   * The machine reviewer's content moderation (SHOWRUNNER_MODERATION_BACKEND). `off` unless a suite asks: loading the
   * nsfwjs model costs each stack about 19 s of a core (bench/results.md, `moderation`), and only the publish workflow
   * e2e and adapters/moderation are about it; the others review on the media signals alone, as `off` deploys.
   */
  readonly moderation?: 'model' | 'off';
}

/** `npm start`'s stack from the real serverless.yml, on free ports, with its data in a fresh temp folder. */
export const startE2eStack = async (name: string, { moderation = 'off', ...options }: E2eStackOptions = {}): Promise<E2eStack> => {
  const root = mkdtempSync(join(tmpdir(), `showrunner-${name}-`));
  const dataDir = join(root, 'data');
  const check = documentedAnswers();
  const offDocument: string[] = [];
  const onApiExchange = (exchange: ApiExchange) => {
    const problem = check(exchange);
    if (problem !== undefined) offDocument.push(problem);
  };
  const cloud = await startLocalCloud({ ports: { api: 0, edge: 0, dynamodb: 0, s3: 0 }, dataDir, stage: 'dev', configPath: resolve('serverless.yml'), onApiExchange, configEnv: { SHOWRUNNER_MODERATION_BACKEND: moderation }, ...options }, () => undefined);
  const issuer = await localIssuerFor(cloud.service, dataDir);
  return {
    cloud,
    dataDir,
    token: (sub, groups) => issuer.mint({ sub, groups: [...groups] }),
    stop: async () => {
      await cloud.stop();
      rmSync(root, { recursive: true, force: true });
      if (offDocument.length > 0) throw new Error(`answers the API document does not describe:\n  ${[...new Set(offDocument)].join('\n  ')}`);
    },
  };
};
