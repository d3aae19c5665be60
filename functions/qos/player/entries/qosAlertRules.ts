import { getAlertRules } from '../alertRules';
import { playerDeps } from '../deps';

/** `qosAlertRules` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = getAlertRules(playerDeps());
