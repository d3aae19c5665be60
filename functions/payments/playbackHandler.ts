import { readPlaybackConfig } from '../delivery/config';
import { systemClock } from '../runtime/clock';
import { eventStore } from '../runtime/eventStore';
import { playbackApi } from './playback';

/**
 * GET /shows/{showId}/playback, wired apart from the payment routes: its function has the playback variables and
 * none of Razorpay's, and reads them at load.
 */
export const handler = playbackApi({ store: eventStore(), playback: readPlaybackConfig(process.env), clock: systemClock }).playback;
