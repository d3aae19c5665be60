import { dashboardWorst } from '../dashboard';
import { playerDeps } from '../deps';

/** `qosDashboardWorst` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = dashboardWorst(playerDeps());
