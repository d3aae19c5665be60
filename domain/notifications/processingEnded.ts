import type { ShowEvent } from '../show/events';

/** How a show's processing ended, as its creator hears it. */
export type ProcessingOutcome = 'published' | 'rejected' | 'failed';

/** What the creator is told when a run ends: who, which show, how it ended, in a subject line and a few sentences. */
export interface ProcessingEndedNotice {
  readonly showId: string;
  readonly creatorId: string;
  readonly outcome: ProcessingOutcome;
  readonly subject: string;
  readonly message: string;
}

/** The show as the notice names it: who drafted it and its title (blank for a show drafted without one). */
export interface NoticeShow {
  readonly creatorId: string;
  readonly title: string;
}

const stageNames = { ingest: 'reading the uploaded file', transcode: 'transcoding', review: 'review', publish: 'publishing' } as const;

const named = (show: NoticeShow, showId: string) => (show.title.trim() === '' ? `Your show ${showId}` : `Your show "${show.title}"`);

// A subject line stays short: mail clients cut it, and SNS refuses one of 100 characters or more.
const subjectOf = (text: string) => (text.length <= 99 ? text : `${text.slice(0, 98)}…`);

const uploadAgain = (showId: string) => `Upload a new source with POST /shows/${showId}/uploads to try again.`;

/**
 * The notice for an event that ends a show's processing: ShowPublished, ShowRejected (a run that ends with its
 * review), ProcessingFailed (a run that stopped at a stage: ingest, transcode, review or publish). Any other event ends
 * nothing: null.
 */
export const processingEndedNotice = (event: ShowEvent, show: NoticeShow): ProcessingEndedNotice | null => {
  const { showId } = event.data;
  const base = { showId, creatorId: show.creatorId };
  const name = named(show, showId);
  switch (event.type) {
    case 'ShowPublished':
      return { ...base, outcome: 'published', subject: subjectOf(`${name} is published`), message: `${name} passed review and is published: viewers can play it now.` };
    case 'ShowRejected':
      return {
        ...base,
        outcome: 'rejected',
        subject: subjectOf(`${name} was not approved`),
        message: `${name} was not approved (${event.data.reason}): ${event.data.message} ${uploadAgain(showId)}`,
      };
    case 'ProcessingFailed':
      return {
        ...base,
        outcome: 'failed',
        subject: subjectOf(`${name} could not be processed`),
        message: `${name} could not be processed: ${stageNames[event.data.stage]} failed (${event.data.cause}). ${uploadAgain(showId)}`,
      };
    default:
      return null;
  }
};
