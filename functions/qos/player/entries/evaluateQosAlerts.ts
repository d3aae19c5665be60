import { playerDeps } from '../deps';
import { evaluateQosAlerts } from '../scheduledAlerts';

/** `evaluateQosAlerts` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = evaluateQosAlerts(playerDeps());
