import type { ShowEvent } from '../show/events';
import type { CatalogEntry } from './entry';

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
  visibility: 'private',
  premium: event.data.premium,
  playback: [],
  thumbnailUrls: [],
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
  return applied(entry, positioned);
};

/** An event after ShowDrafted, on the entry it drafted. */
const applied = (entry: CatalogEntry, { event, occurredAt, version }: PositionedShowEvent): CatalogEntry => {
  switch (event.type) {
    case 'ShowPublished':
      // Withdrawal is final (the decider refuses anything after it); the projection holds the line too.
      if (entry.visibility === 'withdrawn') return { ...entry, version };
      return {
        ...entry,
        visibility: 'published',
        playback: event.data.playback.map((p) => ({ format: p.format, url: p.url })),
        thumbnailUrls: [...event.data.thumbnailUrls],
        publishedAt: entry.publishedAt ?? occurredAt,
        updatedAt: occurredAt,
        version,
      };
    case 'ShowWithdrawn':
      return { ...entry, visibility: 'withdrawn', updatedAt: occurredAt, version };
    case 'ShowMetadataUpdated':
      return { ...entry, ...changedFields(event.data), updatedAt: occurredAt, version };
    default:
      return { ...entry, version };
  }
};
