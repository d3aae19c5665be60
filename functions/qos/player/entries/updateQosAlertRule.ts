import { updateAlertRule } from '../alertRules';
import { playerDeps } from '../deps';

/** `updateQosAlertRule` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = updateAlertRule(playerDeps());
