import { playerApi } from '../api';
import { playerDeps } from '../deps';

/** `projectQosRollups` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = playerApi(playerDeps()).projectRollups;
