import type { DeleteShow, DraftShow, UpdateShowMetadata, WithdrawShow } from './commands';
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

/** The catalogue text and premium flag the command changes, as one ShowMetadataUpdated; none when nothing changes. */
const metadataChange = (showId: string, command: UpdateShowMetadata, state: ShowState): ShowEvent[] => {
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
 * Who the show is for is a fact of its own (ShowVisibilityChanged), not a metadata field: it decides access
 * (listing, links, playback), and consumers react to it without reading text diffs.
 */
const visibilityChange = (showId: string, command: UpdateShowMetadata, state: ShowState): ShowEvent[] =>
  command.visibility === undefined || command.visibility === state.visibility ? [] : [{ type: 'ShowVisibilityChanged', data: { showId, visibility: command.visibility } }];

/**
 * Allowed in every state until withdrawal or deletion, published shows included: catalogue text and audience are
 * not what a review judges. Only what really changes is recorded; a command that changes nothing emits nothing.
 */
export const decideMetadataUpdate = (command: UpdateShowMetadata, state: ShowState): ShowEvent[] => {
  const showId = requireLiveShow(state, command);
  return [...metadataChange(showId, command, state), ...visibilityChange(showId, command, state)];
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

/**
 * Deletion is final too, and idempotent: deleting a deleted show decides nothing. Any show may be deleted, a
 * withdrawn one included (its media goes too); who may ask (its creator, an admin) is the API's rule.
 */
export const decideDelete = (command: DeleteShow, state: ShowState): ShowEvent[] => {
  if (state.status === 'deleted') return [];
  if (state.status === 'none' || state.showId === null) return refuse('SHOW_NOT_FOUND', `Show ${command.showId} does not exist.`);
  if (state.showId !== command.showId) return refuse('SHOW_ID_MISMATCH', `The command names show ${command.showId} but was sent to show ${state.showId}.`);
  const { reason, note } = command;
  return [{ type: 'ShowDeleted', data: { showId: state.showId, ...(reason === undefined ? {} : { reason }), ...(note === undefined ? {} : { note }) } }];
};
