import { playerDeps } from '../deps';
import { qosMetrics } from '../read';

/** `qosMetrics` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = qosMetrics(playerDeps());
