import { withTrack } from '../captions/tracks';
import type { ShowEvent } from '../show/events';
import type { CatalogEntry } from './entry';
import { hasLeft, nextLifecycle } from './lifecycle';

/** What the catalogue needs of an event beyond `{ type, data }`: its place in the stream, when, and by whom. */
export interface PositionedShowEvent {
  readonly version: number;
  readonly occurredAt: string;
  readonly actorId: string;
  readonly event: ShowEvent;
}

/** The projection could not apply an event: it is not the next one of the stream, or the stream has no draft. */
export class ProjectionOrderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProjectionOrderError';
  }
}

/** Only the fields an update names; the event schema guarantees at least one. */
const changedFields = ({ showId: _showId, ...changes }: { showId: string; title?: string; description?: string; genre?: string; language?: string; premium?: boolean }): Partial<
  Pick<CatalogEntry, 'title' | 'description' | 'genre' | 'language' | 'premium'>
> => Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));

const draftedEntry = (event: Extract<PositionedShowEvent['event'], { type: 'ShowDrafted' }>, { actorId, occurredAt, version }: PositionedShowEvent): CatalogEntry => ({
  ...event.data,
  creatorId: actorId,
  status: 'drafted',
  visibility: 'public',
  stage: null,
  problem: null,
  transcodeId: null,
  premium: event.data.premium,
  playback: [],
  thumbnailUrls: [],
  captions: [],
  draftedAt: occurredAt,
  publishedAt: null,
  updatedAt: occurredAt,
  version,
});

/**
 * Folds the next event of a Show stream into its catalogue entry. Every event advances `version`, catalogue
 * events or not, so the gate sees every gap. Callers bring events strictly in order (the adapter's gate
 * drops duplicates and fills gaps from the store); anything else is refused, never silently mis-applied.
 */
export const projectCatalogEntry = (entry: CatalogEntry | null, positioned: PositionedShowEvent): CatalogEntry => {
  const expected = (entry?.version ?? 0) + 1;
  if (positioned.version !== expected) {
    throw new ProjectionOrderError(`expected version ${expected} of the show stream, got ${positioned.version}`);
  }
  const { event } = positioned;
  if (event.type === 'ShowDrafted') {
    if (entry !== null) throw new ProjectionOrderError(`show ${event.data.showId} was drafted twice`);
    return draftedEntry(event, positioned);
  }
  if (entry === null) throw new ProjectionOrderError(`the first event of a show stream must be ShowDrafted, got ${event.type}`);
  return { ...applied(entry, positioned), ...nextLifecycle(entry, event), version: positioned.version };
};

/** What an event after ShowDrafted changes of the entry besides its lifecycle. */
const applied = (entry: CatalogEntry, { event, occurredAt }: PositionedShowEvent): CatalogEntry => {
  // Withdrawal and deletion are final (the decider refuses anything after them); the projection holds the line too.
  if (hasLeft(entry)) return entry;
  switch (event.type) {
    case 'ShowPublished':
      return {
        ...entry,
        playback: event.data.playback.map((p) => ({ format: p.format, url: p.url })),
        thumbnailUrls: [...event.data.thumbnailUrls],
        publishedAt: entry.publishedAt ?? occurredAt,
        updatedAt: occurredAt,
      };
    case 'ShowMetadataUpdated':
      return { ...entry, ...changedFields(event.data), updatedAt: occurredAt };
    case 'ShowVisibilityChanged':
      return { ...entry, visibility: event.data.visibility, updatedAt: occurredAt };
    case 'CaptionsAdded': {
      const { language, label } = event.data;
      return { ...entry, captions: withTrack(entry.captions, { language, label }), updatedAt: occurredAt };
    }
    case 'CaptionsRemoved':
      return { ...entry, captions: entry.captions.filter((c) => c.language !== event.data.language), updatedAt: occurredAt };
    case 'ShowWithdrawn':
    case 'ShowDeleted':
      return { ...entry, updatedAt: occurredAt };
    default:
      return entry;
  }
};
