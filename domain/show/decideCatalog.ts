import type { DraftShow, UpdateShowMetadata, WithdrawShow } from './commands';
import type { ShowEvent } from './events';
import { requireLiveShow } from './guards';
import { refuse } from './refusals';
import type { ShowState } from './state';

export const decideDraft = (command: DraftShow, state: ShowState): ShowEvent[] => {
  if (state.status !== 'none') {
    return refuse('SHOW_ALREADY_DRAFTED', `Show ${command.showId} already exists: choose another show id.`);
  }
  const { showId, title, description, genre, language, premium } = command;
  return [{ type: 'ShowDrafted', data: { showId, title, description, genre, language, premium } }];
};

const metadataFields = ['title', 'description', 'genre', 'language'] as const;

/**
 * Allowed in every state until withdrawal, published shows included: catalogue text is not what a review
 * judges. Only fields that really change are recorded; a command that changes nothing emits nothing.
 */
export const decideMetadataUpdate = (command: UpdateShowMetadata, state: ShowState): ShowEvent[] => {
  const showId = requireLiveShow(state, command);
  const changes: Partial<Record<(typeof metadataFields)[number], string>> = {};
  for (const field of metadataFields) {
    const value = command[field];
    if (value !== undefined && value !== state.metadata?.[field]) changes[field] = value;
  }
  const premium = command.premium !== undefined && command.premium !== state.metadata?.premium ? { premium: command.premium } : {};
  if (Object.keys(changes).length === 0 && premium.premium === undefined) return [];
  return [{ type: 'ShowMetadataUpdated', data: { showId, ...changes, ...premium } }];
};

/**
 * Withdrawal is final: the show id never returns to the catalogue. Withdrawals are often takedowns (rights,
 * policy); making them irreversible means no stale or retried command, and no read model that missed an
 * event, can put such a show back. An owner who wants it back drafts a new show, which goes through review.
 */
export const decideWithdraw = (command: WithdrawShow, state: ShowState): ShowEvent[] => {
  const showId = requireLiveShow(state, command);
  const { reason, note } = command;
  return [{ type: 'ShowWithdrawn', data: { showId, reason, ...(note === undefined ? {} : { note }) } }];
};
