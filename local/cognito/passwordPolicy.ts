/** The user pool's password policy (functions/accounts/resources.yml), checked as Cognito checks it at sign-up. */
export interface PasswordPolicy {
  readonly minimumLength: number;
  readonly requireLowercase: boolean;
  readonly requireUppercase: boolean;
  readonly requireNumbers: boolean;
}

export const userPoolPasswordPolicy: PasswordPolicy = { minimumLength: 12, requireLowercase: true, requireUppercase: true, requireNumbers: true };

/** The first rule the password breaks, in Cognito's words, or undefined. */
export const passwordProblem = (password: string, policy: PasswordPolicy): string | undefined => {
  if (password.length < policy.minimumLength) return `Password did not conform with policy: Password not long enough (at least ${policy.minimumLength})`;
  if (policy.requireLowercase && !/[a-z]/.test(password)) return 'Password did not conform with policy: Password must have lowercase characters';
  if (policy.requireUppercase && !/[A-Z]/.test(password)) return 'Password did not conform with policy: Password must have uppercase characters';
  if (policy.requireNumbers && !/[0-9]/.test(password)) return 'Password did not conform with policy: Password must have numeric characters';
  return undefined;
};
