import { dashboardSeries } from '../dashboard';
import { playerDeps } from '../deps';

/** `qosDashboardSeries` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = dashboardSeries(playerDeps());
