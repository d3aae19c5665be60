import { adminUsersApi } from '../adminUsers';
import { accountsDeps } from '../deps';

/** `findUsers` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = adminUsersApi(accountsDeps()).findUsers;
