import { deciderSpec } from '../show/testing';
import { userDecider, type UserEvent } from './user';

const { given } = deciderSpec(userDecider);
const registered: UserEvent = { type: 'UserRegistered', data: { userId: 'u-1', email: 'ada@example.com' } };
const granted: UserEvent = { type: 'RoleGranted', data: { userId: 'u-1', role: 'creator', grantedBy: 'admin-1' } };

describe('users and roles', () => {
  it('registers once', () => {
    given([]).when({ kind: 'RegisterUser', userId: 'u-1', email: 'ada@example.com' }).then([registered]);
    given([registered]).when({ kind: 'RegisterUser', userId: 'u-1', email: 'ada@example.com' }).then([]);
  });

  it('grants a role once, and only to a registered user', () => {
    given([registered]).when({ kind: 'GrantRole', userId: 'u-1', role: 'creator', by: 'admin-1' }).then([granted]);
    given([registered, granted]).when({ kind: 'GrantRole', userId: 'u-1', role: 'creator', by: 'admin-1' }).then([]);
    given([]).when({ kind: 'GrantRole', userId: 'u-1', role: 'creator', by: 'admin-1' }).thenRefuses('USER_NOT_FOUND');
  });

  it('revokes a held role; an admin cannot revoke their own admin role', () => {
    given([registered, granted])
      .when({ kind: 'RevokeRole', userId: 'u-1', role: 'creator', by: 'admin-1' })
      .then([{ type: 'RoleRevoked', data: { userId: 'u-1', role: 'creator', revokedBy: 'admin-1' } }]);
    given([registered]).when({ kind: 'RevokeRole', userId: 'u-1', role: 'admin', by: 'u-1' }).thenRefuses('CANNOT_REVOKE_OWN_ADMIN');
    expect(given([registered, granted]).state().roles).toEqual(['creator']);
  });

  it('disables an enabled user once and enables them again; never the admin themselves, never an unknown user', () => {
    const disabled: UserEvent = { type: 'UserDisabled', data: { userId: 'u-1', disabledBy: 'admin-1' } };
    given([registered]).when({ kind: 'DisableUser', userId: 'u-1', by: 'admin-1' }).then([disabled]);
    given([registered, disabled]).when({ kind: 'DisableUser', userId: 'u-1', by: 'admin-1' }).then([]);
    given([registered]).when({ kind: 'DisableUser', userId: 'u-1', by: 'u-1' }).thenRefuses('CANNOT_DISABLE_SELF');
    given([]).when({ kind: 'DisableUser', userId: 'u-1', by: 'admin-1' }).thenRefuses('USER_NOT_FOUND');
    expect(given([registered, disabled]).state().enabled).toBe(false);
    given([registered, disabled]).when({ kind: 'EnableUser', userId: 'u-1', by: 'admin-2' }).then([{ type: 'UserEnabled', data: { userId: 'u-1', enabledBy: 'admin-2' } }]);
    given([registered]).when({ kind: 'EnableUser', userId: 'u-1', by: 'admin-1' }).then([]);
  });
});
