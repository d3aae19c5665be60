import * as z from 'zod';
import { roleSchema } from '../../events/accounts';

export const roles = roleSchema.options;
export type Role = z.infer<typeof roleSchema>;

export interface Caller {
  readonly userId: string;
  readonly roles: readonly Role[];
}

/**
 * API Gateway's JWT authorizer hands claims over as strings: a Cognito group list arrives as `"[admin reviewer]"`.
 * A real array (other issuers) and a comma list are accepted too; unknown groups are not roles and are dropped.
 */
const groupsOf = (value: unknown): Role[] => {
  const names = Array.isArray(value)
    ? value.map(String)
    : typeof value === 'string'
      ? value.replace(/^\[|\]$/g, '').split(/[\s,]+/)
      : [];
  return names.filter((name): name is Role => (roles as readonly string[]).includes(name));
};

const claimsSchema = z.looseObject({ sub: z.string().min(1), 'cognito:groups': z.unknown().optional() });

/** Who is calling, from the authorizer's verified claims; undefined on a route without an authorizer or token. */
export const callerOf = (event: { requestContext?: unknown }): Caller | undefined => {
  const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: unknown } } } | undefined)?.authorizer?.jwt?.claims;
  const parsed = claimsSchema.safeParse(claims);
  if (!parsed.success) return undefined;
  const granted = groupsOf(parsed.data['cognito:groups']);
  // Every signed-in user may at least view.
  return { userId: parsed.data.sub, roles: granted.includes('viewer') ? granted : ['viewer', ...granted] };
};
