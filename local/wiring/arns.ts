import type { LocalService } from '../config';

/** The ARN AWS gives a rule's target, built from serverless.yml's names. */
export const arnOfTarget = (service: LocalService, kind: 'function' | 'stateMachine', name: string): string =>
  kind === 'function'
    ? `arn:aws:lambda:${service.region}:${service.accountId}:function:${name}`
    : `arn:aws:states:${service.region}:${service.accountId}:stateMachine:${name}`;

export const functionNameOfArn = (arn: string): string | undefined => /^arn:aws:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(arn)?.[1];
