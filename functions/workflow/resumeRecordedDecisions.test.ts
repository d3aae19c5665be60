import { defaultCategoryShards, toEventItem } from '../../adapters/eventstore';
import { streamEventOf } from '../../adapters/streams/testing/streamEventOf';
import * as show from '../../domain/show/fixtures';
import { storedEnvelope } from '../../events/testFixtures';
import { resumeRecordedDecisions } from './resumeRecordedDecisions';

describe('the review resumer', () => {
  const sent: { token: string; output: unknown }[] = [];
  const resume = resumeRecordedDecisions({
    reviews: { token: async (showId, transcodeId) => `token-of-${showId}-${transcodeId}` },
    tasks: { succeed: async (token, output) => (sent.push({ token, output }), 'sent'), heartbeat: async () => 'sent' },
    pause: async () => undefined,
  });
  beforeEach(() => (sent.length = 0));

  it('given a batch holding an account stream beside a show decision, then the decision resumes its workflow and the account event passes by', async () => {
    const registered = storedEnvelope({ eventId: 'evt-user', streamId: 'user#kay', context: 'accounts', type: 'UserRegistered', data: { userId: 'kay', email: 'kay@example.com' } });
    const approved = storedEnvelope({ eventId: 'evt-approved', streamId: `show#${show.showId}`, version: 12, ...show.approved('transcode-1') });
    const answer = await resume(streamEventOf([toEventItem(registered, defaultCategoryShards), toEventItem(approved, defaultCategoryShards)]));
    expect(answer.batchItemFailures).toEqual([]);
    expect(sent).toEqual([{ token: `token-of-${show.showId}-transcode-1`, output: { decision: 'approve' } }]);
  });
});
