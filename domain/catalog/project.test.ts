import * as show from '../show/fixtures';
import { projectCatalogEntry, ProjectionOrderError, type PositionedShowEvent } from './project';

const at = (version: number, event: PositionedShowEvent['event'], occurredAt = show.now): PositionedShowEvent => ({ version, occurredAt, actorId: 'user-1', event });
const fold = (events: readonly PositionedShowEvent['event'][]) =>
  events.reduce<ReturnType<typeof projectCatalogEntry> | null>((entry, event, i) => projectCatalogEntry(entry, at(i + 1, event)), null);

describe('projectCatalogEntry', () => {
  it('keeps a drafted show private to its creator until it is published', () => {
    expect(fold(show.upTo.inReview)).toMatchObject({ visibility: 'private', creatorId: 'user-1', publishedAt: null, version: 8 });
    expect(fold(show.publishedShow)).toMatchObject({ visibility: 'published', publishedAt: show.now, version: 10 });
  });

  it('applies only the metadata fields an update names', () => {
    const entry = fold([...show.publishedShow, { type: 'ShowMetadataUpdated', data: { showId: show.showId, genre: 'travel' } }]);
    expect(entry).toMatchObject({ title: show.metadata.title, genre: 'travel', version: 11 });
  });

  it('never puts a withdrawn show back in the catalogue', () => {
    expect(fold([...show.approvedShow, show.withdrawn, show.published()])).toMatchObject({ visibility: 'withdrawn', version: 11 });
  });

  it('refuses an event that is not the next one, so a caller cannot skip a gap silently', () => {
    const drafted = fold([show.drafted]);
    expect(() => projectCatalogEntry(drafted, at(3, show.published()))).toThrow(ProjectionOrderError);
    expect(() => projectCatalogEntry(null, at(1, show.published()))).toThrow(ProjectionOrderError);
  });
});
