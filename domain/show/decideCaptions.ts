import type { AddCaptions, RemoveCaptions } from './commands';
import type { ShowEvent } from './events';
import { requireLiveShow } from './guards';
import type { ShowState } from './state';

/**
 * Captions are allowed in every state until withdrawal or deletion, published shows included: they are added to a
 * show's manifests whenever they come (functions/captions packages them), and a review does not judge them.
 * A second track in a language replaces the first.
 */
export const decideCaptionsAdded = (command: AddCaptions, state: ShowState): ShowEvent[] => {
  const showId = requireLiveShow(state, command);
  const { language, label, key, sourceFormat, cueCount } = command;
  return [{ type: 'CaptionsAdded', data: { showId, language, label, key, sourceFormat, cueCount } }];
};

/** Idempotent, like deleting a show: removing a language the show has no captions in decides nothing. */
export const decideCaptionsRemoved = (command: RemoveCaptions, state: ShowState): ShowEvent[] => {
  const showId = requireLiveShow(state, command);
  if (!state.captions.some((c) => c.language === command.language)) return [];
  return [{ type: 'CaptionsRemoved', data: { showId, language: command.language } }];
};
