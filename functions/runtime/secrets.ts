import { getParameter } from '@aws-lambda-powertools/parameters/ssm';

/** Where a secret comes from: an SSM SecureString on AWS, or its plain value (local stack and tests). Payments and playback read theirs this way. */
export type SecretReference = { readonly parameter: string } | { readonly value: string };

/** Reads SSM parameters by name; the port the config goes through, so tests can stand in for SSM. */
export type ParameterReader = (name: string) => Promise<string | undefined>;

/** Cache decrypted values for five minutes: a rotated secret reaches warm containers within that, without an SSM call per request. */
const secretMaxAgeSeconds = 300;

/** SSM through Powertools: decrypted, cached per container, one client made on first use. */
export const ssmParameters: ParameterReader = (name) => getParameter(name, { decrypt: true, maxAge: secretMaxAgeSeconds });

/** Thrown for a secret that cannot be read; names the parameter, never a value. */
export class SecretUnavailableError extends Error {
  constructor(parameter: string, cause?: unknown) {
    super(`secret parameter ${parameter} could not be read (it must exist as a SecureString this function may ssm:GetParameter)`, { cause });
    this.name = 'SecretUnavailableError';
  }
}

/** The secret's value, from wherever its reference says. */
export const resolveSecret = async (reference: SecretReference, read: ParameterReader): Promise<string> => {
  if ('value' in reference) return reference.value;
  const value = await read(reference.parameter).catch((error: unknown) => {
    throw new SecretUnavailableError(reference.parameter, error instanceof Error ? error.name : undefined);
  });
  if (value === undefined || value === '') throw new SecretUnavailableError(reference.parameter);
  return value;
};

/** `FOO_PARAMETER` (an SSM name) wins over `FOO` (the value); an empty variable counts as unset, as serverless.yml's fallbacks leave them. */
export const secretReference = (env: Readonly<Record<string, string | undefined>>, name: string): SecretReference | undefined => {
  const parameter = env[`${name}_PARAMETER`];
  if (parameter !== undefined && parameter !== '') return { parameter };
  const value = env[name];
  return value === undefined || value === '' ? undefined : { value };
};
