import { StepFunctionsApiError } from './errors';

export type StateMachineType = 'STANDARD' | 'EXPRESS';

export const stateMachineArnOf = (region: string, accountId: string, name: string): string =>
  `arn:aws:states:${region}:${accountId}:stateMachine:${name}`;

/** Express executions live under `express:` in their ARN, standard ones under `execution:`. */
export const executionArnOf = (stateMachineArn: string, type: StateMachineType, executionName: string): string => {
  const [prefix, machineName] = stateMachineArn.split(':stateMachine:');
  return `${prefix}:${type === 'EXPRESS' ? 'express' : 'execution'}:${machineName}:${executionName}`;
};

// AWS forbids whitespace, brackets, wildcards, these specials and control characters in names.
const forbiddenNameCharacters = /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/u;
const isControlCharacter = (character: string): boolean => {
  const code = character.codePointAt(0) ?? 0;
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f);
};

/** Throws AWS's `InvalidName` unless `name` is a valid execution or state machine name. */
export const assertValidName = (name: string): void => {
  if (name.length < 1 || name.length > 80) {
    throw new StepFunctionsApiError('InvalidName', `Invalid Name: '${name}' must be 1 to 80 characters long`);
  }
  if (forbiddenNameCharacters.test(name) || [...name].some(isControlCharacter)) {
    throw new StepFunctionsApiError(
      'InvalidName',
      `Invalid Name: '${name}' contains whitespace, brackets, wildcards, control or special characters (" # % \\ ^ | ~ \` $ & , ; : /)`,
    );
  }
};
