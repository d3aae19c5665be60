import { adminUsersApi } from './adminUsers';
import { accountsApi } from './api';
import { accountsDeps } from './deps';

/** The account routes of functions.yml, wired to this container's user pool and event store (config read at load). */
const deps = accountsDeps();
const api = accountsApi(deps);
const admin = adminUsersApi(deps);

export const register = api.register;
export const login = api.login;
export const logout = api.logout;
export const me = api.me;
export const grantRole = api.grantRole;
export const revokeRole = api.revokeRole;
export const findUsers = admin.findUsers;
export const disableUser = admin.disableUser;
export const enableUser = admin.enableUser;
