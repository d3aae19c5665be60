import { qoeAlertRaised, qoeAlertResolved } from './qoeAlerts';
import { viewerSessionEnded, viewerSessionStarted } from './viewerSessions';

/** The playback context's events: viewer session facts and QoE alerts. */
export const playbackContracts = [viewerSessionStarted, viewerSessionEnded, qoeAlertRaised, qoeAlertResolved] as const;

export { qoeAlertRaised, qoeAlertResolved, viewerSessionEnded, viewerSessionStarted };
