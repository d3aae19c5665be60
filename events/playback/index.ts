import { qoeAlertRuleSetChanged } from './qoeAlertRules';
import { qoeAlertRaised, qoeAlertResolved } from './qoeAlerts';
import { viewerSessionEnded, viewerSessionStarted } from './viewerSessions';

/** The playback context's events: viewer session facts and QoE alerts. */
export const playbackContracts = [viewerSessionStarted, viewerSessionEnded, qoeAlertRaised, qoeAlertResolved, qoeAlertRuleSetChanged] as const;

export { qoeAlertRaised, qoeAlertResolved, qoeAlertRuleSetChanged, viewerSessionEnded, viewerSessionStarted };
