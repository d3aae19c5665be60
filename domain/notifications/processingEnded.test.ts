import * as f from '../show/fixtures';
import { processingEndedNotice } from './processingEnded';

const show = { creatorId: 'user-1', title: 'Night Trains' };

describe('the notice of a show whose processing ended', () => {
  it('tells the creator their show is published', () => {
    const published = f.publishedShow.at(-1);
    if (published === undefined) throw new Error('fixture without events');
    expect(processingEndedNotice(published, show)).toEqual({
      showId: f.showId,
      creatorId: 'user-1',
      outcome: 'published',
      subject: 'Your show "Night Trains" is published',
      message: 'Your show "Night Trains" passed review and is published: viewers can play it now.',
    });
  });

  it('says why a show was rejected and how to try again', () => {
    const notice = processingEndedNotice({ type: 'ShowRejected', data: { showId: f.showId, transcodeId: 't-1', reason: 'AUDIO_QUALITY', message: 'The audio drops out after two minutes.' } }, show);
    expect(notice).toMatchObject({ outcome: 'rejected', subject: 'Your show "Night Trains" was not approved' });
    expect(notice?.message).toBe(`Your show "Night Trains" was not approved (AUDIO_QUALITY): The audio drops out after two minutes. Upload a new source with POST /shows/${f.showId}/uploads to try again.`);
  });

  it('says at which stage a run failed and why, naming a show without a title by its id', () => {
    const notice = processingEndedNotice({ type: 'ProcessingFailed', data: { showId: f.showId, executionName: 'run-1', stage: 'ingest', error: 'SOURCE_UNREADABLE', cause: 'the file is empty' } }, { creatorId: 'user-1', title: '' });
    expect(notice).toMatchObject({ outcome: 'failed', subject: `Your show ${f.showId} could not be processed` });
    expect(notice?.message).toContain('reading the uploaded file failed (the file is empty)');
  });

  it('keeps a subject under the 100 characters SNS allows', () => {
    const notice = processingEndedNotice({ type: 'ShowPublished', data: { showId: f.showId, transcodeId: 't-1', playback: [], thumbnailUrls: [] } }, { creatorId: 'user-1', title: 'x'.repeat(200) });
    expect(notice?.subject.length).toBeLessThan(100);
  });

  it('is no notice for an event that ends nothing', () => {
    expect(processingEndedNotice(f.drafted, show)).toBeNull();
  });
});
