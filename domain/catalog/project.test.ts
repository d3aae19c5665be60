import * as show from '../show/fixtures';
import { projectCatalogEntry, ProjectionOrderError, type PositionedShowEvent } from './project';

const at = (version: number, event: PositionedShowEvent['event'], occurredAt = show.now): PositionedShowEvent => ({ version, occurredAt, actorId: 'user-1', event });
const fold = (events: readonly PositionedShowEvent['event'][]) =>
  events.reduce<ReturnType<typeof projectCatalogEntry> | null>((entry, event, i) => projectCatalogEntry(entry, at(i + 1, event)), null);

describe('projectCatalogEntry', () => {
  it('follows a show from draft to publication, public by default', () => {
    expect(fold(show.upTo.inReview)).toMatchObject({ status: 'awaitingReview', stage: 'review', visibility: 'public', creatorId: 'user-1', publishedAt: null, version: 8 });
    expect(fold(show.publishedShow)).toMatchObject({ status: 'published', stage: null, publishedAt: show.now, version: 10 });
  });

  it('applies only the metadata fields an update names', () => {
    const entry = fold([...show.publishedShow, { type: 'ShowMetadataUpdated', data: { showId: show.showId, genre: 'travel' } }]);
    expect(entry).toMatchObject({ title: show.metadata.title, genre: 'travel', version: 11 });
  });

  it('never puts a withdrawn show back in the catalogue', () => {
    expect(fold([...show.approvedShow, show.withdrawn, show.published()])).toMatchObject({ status: 'withdrawn', playback: [], version: 11 });
  });

  it('says where a show is at each step, as its creator follows it', () => {
    expect(fold(show.upTo.draft)).toMatchObject({ status: 'drafted', stage: null });
    expect(fold(show.upTo.awaitingUpload)).toMatchObject({ status: 'awaitingUpload', stage: null });
    expect(fold(show.upTo.ingesting)).toMatchObject({ status: 'processing', stage: 'ingest' });
    expect(fold(show.upTo.transcoding)).toMatchObject({ status: 'processing', stage: 'transcode', transcodeId: 'transcode-1' });
    expect(fold(show.approvedShow)).toMatchObject({ status: 'processing', stage: 'publish' });
    expect(fold(show.rejectedShow)).toMatchObject({ status: 'rejected', stage: 'review', problem: { reason: 'AUDIO_QUALITY' } });
  });

  it('keeps a stage\'s own failure over the run\'s, and starts over on a new upload', () => {
    const failedTranscode = fold([...show.upTo.transcoding, { type: 'TranscodeFailed', data: { showId: show.showId, transcodeId: 'transcode-1', reason: 'JOB_FAILED', message: 'no decoder' } }]);
    expect(failedTranscode).toMatchObject({ status: 'failed', stage: 'transcode', problem: { reason: 'JOB_FAILED', message: 'no decoder' } });
    const runFailed = { type: 'ProcessingFailed' as const, data: { showId: show.showId, executionName: 'run-1', stage: 'publish' as const, error: 'States.TaskFailed', cause: 'publish crashed' } };
    expect(fold([...show.upTo.transcoding, { type: 'TranscodeFailed', data: { showId: show.showId, transcodeId: 'transcode-1', reason: 'JOB_FAILED', message: 'no decoder' } }, runFailed])).toMatchObject({ stage: 'transcode', problem: { reason: 'JOB_FAILED' } });
    expect(fold([...show.approvedShow, runFailed])).toMatchObject({ status: 'failed', stage: 'publish', problem: { reason: 'States.TaskFailed', message: 'publish crashed' } });
    expect(fold([...show.rejectedShow, show.uploadRequested('upload-2')])).toMatchObject({ status: 'awaitingUpload', stage: null, problem: null, transcodeId: null });
  });

  it('records who the show is for, and a deletion even after a withdrawal', () => {
    const unlisted = fold([...show.publishedShow, { type: 'ShowVisibilityChanged', data: { showId: show.showId, visibility: 'unlisted' } }]);
    expect(unlisted).toMatchObject({ status: 'published', visibility: 'unlisted', version: 11 });
    expect(fold([...show.publishedShow, show.withdrawn, { type: 'ShowDeleted', data: { showId: show.showId } }])).toMatchObject({ status: 'deleted', version: 12 });
  });

  it('lists caption languages, one per language, a replacement keeping its place and a removal dropping it', () => {
    const added = (language: string, label: string) => ({ type: 'CaptionsAdded' as const, data: { showId: show.showId, language, label, key: `shows/${show.showId}/captions/${language}.vtt`, sourceFormat: 'webvtt' as const, cueCount: 3 } });
    const entry = fold([...show.publishedShow, added('en', 'English'), added('fr-CA', 'Français (Canada)'), added('en', 'English (SDH)')]);
    expect(entry?.captions).toEqual([{ language: 'en', label: 'English (SDH)' }, { language: 'fr-CA', label: 'Français (Canada)' }]);
    const removed = fold([...show.publishedShow, added('en', 'English'), added('fr-CA', 'Français (Canada)'), { type: 'CaptionsRemoved', data: { showId: show.showId, language: 'en' } }]);
    expect(removed).toMatchObject({ captions: [{ language: 'fr-CA', label: 'Français (Canada)' }], version: 13 });
  });

  it('refuses an event that is not the next one, so a caller cannot skip a gap silently', () => {
    const drafted = fold([show.drafted]);
    expect(() => projectCatalogEntry(drafted, at(3, show.published()))).toThrow(ProjectionOrderError);
    expect(() => projectCatalogEntry(null, at(1, show.published()))).toThrow(ProjectionOrderError);
  });
});
