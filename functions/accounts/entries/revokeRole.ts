import { accountsApi } from '../api';
import { accountsDeps } from '../deps';

/** `revokeRole` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = accountsApi(accountsDeps()).revokeRole;
