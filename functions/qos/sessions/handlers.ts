import { sessionsApi } from './api';
import { sessionDeps } from './deps';

/** The viewer sessions functions of functions.yml, wired to this container's clients (config read once, at load). */
const api = sessionsApi(sessionDeps());

export const ingest = api.ingest;
export const project = api.project;
export const completed = api.completed;
export const started = api.started;
export const totalsInsight = api.totalsInsight;
export const countriesInsight = api.countriesInsight;
export const playersInsight = api.playersInsight;
export const yearInsight = api.yearInsight;
