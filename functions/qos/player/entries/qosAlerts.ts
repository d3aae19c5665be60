import { playerDeps } from '../deps';
import { qosAlerts } from '../read';

/** `qosAlerts` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = qosAlerts(playerDeps());
