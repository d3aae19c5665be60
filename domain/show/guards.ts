import type { ShowCommand } from './commands';
import { refuse } from './refusals';
import type { ShowState, ShowStatus } from './state';

/** A show that exists under this command's id and has not left the catalogue; returns its id. */
export const requireLiveShow = (state: ShowState, command: ShowCommand): string => {
  if (state.status === 'none' || state.showId === null) {
    return refuse('SHOW_NOT_FOUND', `Show ${command.showId} does not exist: draft it first.`);
  }
  if (state.showId !== command.showId) {
    return refuse('SHOW_ID_MISMATCH', `The command names show ${command.showId} but was sent to show ${state.showId}.`);
  }
  if (state.status === 'deleted') {
    return refuse('SHOW_DELETED', `Show ${state.showId} was deleted and cannot change any more; draft a new show instead.`);
  }
  if (state.status === 'withdrawn') {
    return refuse('SHOW_WITHDRAWN', `Show ${state.showId} was withdrawn and cannot change any more; draft a new show instead.`);
  }
  return state.showId;
};

/** Refuses unless the show is in one of `allowed`; `action` and `hint` make the message actionable. */
export const requireStatus = (
  state: ShowState,
  allowed: readonly ShowStatus[],
  refusal: { code: Parameters<typeof refuse>[0]; action: string; hint: string },
): void => {
  if (!allowed.includes(state.status)) {
    refuse(refusal.code, `Cannot ${refusal.action}: show ${state.showId} is ${state.status}. ${refusal.hint}`);
  }
};
