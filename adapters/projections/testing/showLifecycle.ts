import { randomUUID } from 'node:crypto';
import type { ShowCommand } from '../../../domain/show';
import * as fixtures from '../../../domain/show/fixtures';
import { executeShowCommand } from '../../../functions/shows/showCommands';
import type { EventStore } from '../../eventstore';

export interface ShowSpec {
  readonly showId: string;
  readonly title?: string;
  readonly description?: string;
  readonly genre?: string;
  readonly language?: string;
  readonly now?: string;
  readonly creatorId?: string;
}

/** The commands that take a show from draft to published, for any show id (the decider's fixtures, re-aimed). */
export const publishCommands = (spec: ShowSpec): ShowCommand[] => {
  const now = spec.now ?? fixtures.now;
  const owner = { id: spec.creatorId ?? fixtures.owner.id, kind: 'user' as const };
  const draft: ShowCommand = {
    ...fixtures.draftShow,
    actor: owner,
    title: spec.title ?? fixtures.metadata.title,
    description: spec.description ?? fixtures.metadata.description,
    genre: spec.genre ?? fixtures.metadata.genre,
    language: spec.language ?? fixtures.metadata.language,
  };
  const steps: ShowCommand[] = [
    draft,
    fixtures.requestUpload(),
    fixtures.recordSourceUploaded(),
    fixtures.startIngest(),
    fixtures.recordSourceProbe(),
    fixtures.requestTranscode(),
    fixtures.recordTranscodeCompletion(),
    fixtures.requestReview,
    fixtures.approveShow,
    { ...fixtures.publishShow, actor: owner },
  ];
  return steps.map((command) => ({ ...command, showId: spec.showId, now }));
};

/** Runs commands through the real command port (decider + event store), as the API and workflow do. */
export const runShowCommands = async (store: EventStore, commands: readonly ShowCommand[]): Promise<void> => {
  for (const command of commands) {
    await executeShowCommand(store, command, { commandId: randomUUID(), correlationId: `test-${command.showId}`, actor: command.actor });
  }
};

export const draftOnly = (spec: ShowSpec): ShowCommand[] => publishCommands(spec).slice(0, 1);
