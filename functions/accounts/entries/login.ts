import { accountsDeps } from '../deps';
import { sessionRoutes } from '../sessions';

/** `login` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = sessionRoutes(accountsDeps()).login;
