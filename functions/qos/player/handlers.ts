import { playerApi } from './api';
import { playerDeps } from './deps';

/** The player QoS functions of functions.yml, wired to this container's clients (config read once, at load). */
const api = playerApi(playerDeps());

export const ingest = api.ingest;
export const project = api.project;
export const evaluateAlerts = api.evaluateAlerts;
export const metrics = api.metrics;
export const alerts = api.alerts;
export const projectRollups = api.projectRollups;
export const dashboardSeries = api.dashboardSeries;
export const dashboardWorst = api.dashboardWorst;
export const alertRules = api.alertRules;
export const updateAlertRule = api.updateAlertRule;
