import { showDecider } from './decider';
import * as f from './fixtures';
import { deciderSpec } from './testing';

const { given } = deciderSpec(showDecider);

describe('Show: drafting', () => {
  it('drafts a new show', () => {
    given([]).when(f.draftShow).then([f.drafted]);
  });

  it('drafts a show once', () => {
    given([f.drafted]).when(f.draftShow).thenRefuses('SHOW_ALREADY_DRAFTED', 'choose another show id');
  });

  it('does not draft again over a withdrawn show', () => {
    given([f.drafted, f.withdrawn]).when(f.draftShow).thenRefuses('SHOW_ALREADY_DRAFTED');
  });

  it('refuses any other command for a show that was never drafted', () => {
    given([]).when(f.requestUpload()).thenRefuses('SHOW_NOT_FOUND', 'draft it first');
  });

  it('refuses a command naming another show than the stream it was sent to', () => {
    given([f.drafted]).when({ ...f.requestUpload(), showId: 'show-2' }).thenRefuses('SHOW_ID_MISMATCH');
  });
});

describe('Show: premium', () => {
  const update = { type: 'UpdateShowMetadata' as const, showId: f.showId, now: f.now, actor: f.owner };

  it('drafts a premium show as premium', () => {
    given([]).when({ ...f.draftShow, premium: true }).then([{ type: 'ShowDrafted', data: { showId: f.showId, ...f.metadata, premium: true } }]);
  });

  it('records a change of the premium flag, and nothing when it is already so', () => {
    given([f.drafted]).when({ ...update, premium: true }).then([{ type: 'ShowMetadataUpdated', data: { showId: f.showId, premium: true } }]);
    given([f.drafted]).when({ ...update, premium: false }).then([]);
  });
});

describe('Show: metadata', () => {
  const update = { type: 'UpdateShowMetadata' as const, showId: f.showId, now: f.now, actor: f.owner };

  it('records only the fields that change', () => {
    given([f.drafted])
      .when({ ...update, title: 'Night Trains (2026)', genre: f.metadata.genre })
      .then([{ type: 'ShowMetadataUpdated', data: { showId: f.showId, title: 'Night Trains (2026)' } }]);
  });

  it('decides nothing when nothing changes', () => {
    given([f.drafted]).when({ ...update, title: f.metadata.title }).then([]);
  });

  it.each([
    ['in review', f.upTo.inReview],
    ['published', f.publishedShow],
  ])('is allowed while the show is %s', (_label, events) => {
    given(events)
      .when({ ...update, language: 'fr' })
      .then([{ type: 'ShowMetadataUpdated', data: { showId: f.showId, language: 'fr' } }]);
  });

  it('is refused once the show is withdrawn', () => {
    given([...f.publishedShow, f.withdrawn]).when({ ...update, title: 'Back' }).thenRefuses('SHOW_WITHDRAWN');
  });

  it('shows in the state', () => {
    const state = given([f.drafted, { type: 'ShowMetadataUpdated', data: { showId: f.showId, genre: 'travel' } }]).state();
    expect(state.metadata).toEqual({ ...f.metadata, genre: 'travel' });
  });
});

describe('Show: withdrawal', () => {
  it.each([
    ['a draft', f.upTo.draft],
    ['a show in transcoding', f.upTo.transcoding],
    ['a published show', f.publishedShow],
  ])('withdraws %s', (_label, events) => {
    given(events).when(f.withdrawShow).then([f.withdrawn]);
  });

  it('is final: a withdrawn show cannot be withdrawn, re-submitted or republished', () => {
    const withdrawnShow = [...f.publishedShow, f.withdrawn];
    given(withdrawnShow).when(f.withdrawShow).thenRefuses('SHOW_WITHDRAWN', 'draft a new show instead');
    given(withdrawnShow).when(f.requestUpload('upload-2')).thenRefuses('SHOW_WITHDRAWN');
    given(withdrawnShow).when(f.publishShow).thenRefuses('SHOW_WITHDRAWN');
  });

  it('leaves the catalogue: the state says withdrawn, with the reason', () => {
    const state = given([...f.publishedShow, f.withdrawn]).state();
    expect(state.status).toBe('withdrawn');
    expect(state.withdrawal).toEqual({ reason: 'RIGHTS', note: 'Licence ended' });
  });
});

describe('Show: the whole happy path', () => {
  it('goes from draft to published, each command deciding the next fact', () => {
    const steps = [
      [f.draftShow, f.drafted],
      [f.requestUpload(), f.uploadRequested()],
      [f.recordSourceUploaded(), f.sourceUploaded()],
      [f.startIngest(), f.ingestStarted()],
      [f.recordSourceProbe(), f.sourceProbed()],
      [f.requestTranscode(), f.transcodeRequested()],
      [f.recordTranscodeCompletion(), f.transcodeCompleted()],
      [f.requestReview, f.reviewRequested()],
      [f.approveShow, f.approved()],
      [f.publishShow, f.published()],
    ] as const;
    const history: Parameters<typeof given>[0][number][] = [];
    for (const [command, event] of steps) {
      given(history).when(command).then([event]);
      history.push(event);
    }
    expect(given(history).state()).toMatchObject({
      status: 'published',
      metadata: f.metadata,
      review: { status: 'approved', transcodeId: 'transcode-1' },
      transcode: { status: 'completed', result: { outputs: [{ format: 'hls' }, { format: 'dash' }] } },
      publication: { playback: [{ format: 'hls' }, { format: 'dash' }] },
    });
  });
});

describe('Show: visibility', () => {
  const change = (visibility: 'public' | 'unlisted' | 'private') => ({ type: 'UpdateShowMetadata' as const, showId: f.showId, now: f.now, actor: f.owner, visibility });
  const changed = (visibility: 'public' | 'unlisted' | 'private') => ({ type: 'ShowVisibilityChanged' as const, data: { showId: f.showId, visibility } });

  it('starts public', () => {
    expect(given([f.drafted]).state().visibility).toBe('public');
  });

  it('records a change of audience as its own fact, next to a metadata change in the same command', () => {
    given(f.publishedShow).when(change('unlisted')).then([changed('unlisted')]);
    given(f.upTo.transcoding)
      .when({ ...change('private'), title: 'Night Trains II' })
      .then([{ type: 'ShowMetadataUpdated', data: { showId: f.showId, title: 'Night Trains II' } }, changed('private')]);
    expect(given([...f.publishedShow, changed('private')]).state().visibility).toBe('private');
  });

  it('decides nothing when the show already has that audience', () => {
    given([f.drafted]).when(change('public')).then([]);
    given([f.drafted, changed('unlisted')]).when(change('unlisted')).then([]);
  });
});

describe('Show: deletion', () => {
  const deleteShow = { type: 'DeleteShow' as const, showId: f.showId, now: f.now, actor: f.owner };
  const deleted = { type: 'ShowDeleted' as const, data: { showId: f.showId } };

  it.each([
    ['a draft', f.upTo.draft],
    ['a show in transcoding', f.upTo.transcoding],
    ['a rejected show', f.rejectedShow],
    ['a published show', f.publishedShow],
    ['a withdrawn show (its media goes too)', [...f.publishedShow, f.withdrawn]],
  ])('deletes %s', (_label, events) => {
    given(events).when(deleteShow).then([deleted]);
  });

  it('keeps the reason an admin gives', () => {
    given(f.publishedShow).when({ ...deleteShow, reason: 'CONTENT_POLICY' }).then([{ type: 'ShowDeleted', data: { showId: f.showId, reason: 'CONTENT_POLICY' } }]);
  });

  it('is idempotent: deleting a deleted show decides nothing', () => {
    given([...f.publishedShow, deleted]).when(deleteShow).then([]);
  });

  it('is final: a deleted show takes no upload, change or publication, and is not drafted again', () => {
    const deletedShow = [...f.approvedShow, deleted];
    expect(given(deletedShow).state().status).toBe('deleted');
    given(deletedShow).when(f.requestUpload('upload-2')).thenRefuses('SHOW_DELETED', 'draft a new show instead');
    given(deletedShow).when({ type: 'UpdateShowMetadata', showId: f.showId, now: f.now, actor: f.owner, title: 'Back' }).thenRefuses('SHOW_DELETED');
    given(deletedShow).when(f.publishShow).thenRefuses('SHOW_DELETED');
    given(deletedShow).when(f.draftShow).thenRefuses('SHOW_ALREADY_DRAFTED');
  });

  it('refuses a show that was never drafted', () => {
    given([]).when(deleteShow).thenRefuses('SHOW_NOT_FOUND');
  });
});
