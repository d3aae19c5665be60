import { GetContentModerationCommand, StartContentModerationCommand } from '@aws-sdk/client-rekognition';
import { contentModerationResult, rekognitionModerator, rekognitionScores } from './rekognition';

// Given responses, shaped as Rekognition's API model says (no AWS account here).
const label = (Name: string, ParentName: string, Confidence: number, Timestamp = 0) => ({ Timestamp, ModerationLabel: { Name, ParentName, Confidence, TaxonomyLevel: ParentName === '' ? 1 : 2 } });

describe('Rekognition video content moderation', () => {
  it('scores each top-level category by its highest confidence, counting second-level labels for their parent', () => {
    const scores = rekognitionScores([label('Violence', '', 62.5, 1000), label('Graphic Violence', 'Violence', 91, 2000), label('Swimwear or Underwear', '', 55)], 250);
    expect(scores).toEqual({ model: 'rekognition', framesScored: 250, scores: { Violence: 0.91, 'Graphic Violence': 0.91, 'Swimwear or Underwear': 0.55 } });
  });

  it('starts a job on the source with the completion notice on the topic, the show as its tag, one token per transcode', async () => {
    const sent: unknown[] = [];
    const client = { send: (command: unknown) => (sent.push(command), Promise.resolve({ JobId: 'job-1' })) } as never;
    const moderator = rekognitionModerator(client, { topicArn: 'arn:aws:sns:eu-west-1:1:moderation', roleArn: 'arn:aws:iam::1:role/publish' });
    const source = { url: 'https://signed', durationSeconds: 10, bucket: 'sources', key: 'uploads/s-1/u-1', review: { showId: 's-1', transcodeId: 't-1', eventId: 'e', correlationId: 'c' } };
    expect(await moderator.moderate(source)).toEqual({ status: 'started', jobId: 'job-1' });
    await moderator.moderate(source);
    const [first, second] = sent as StartContentModerationCommand[];
    expect(first?.input).toMatchObject({ Video: { S3Object: { Bucket: 'sources', Name: 'uploads/s-1/u-1' } }, JobTag: 's-1', NotificationChannel: { SNSTopicArn: 'arn:aws:sns:eu-west-1:1:moderation', RoleArn: 'arn:aws:iam::1:role/publish' } });
    expect(first?.input.ClientRequestToken).toMatch(/^[a-f0-9]{64}$/);
    expect(second?.input.ClientRequestToken).toBe(first?.input.ClientRequestToken);
  });

  it('reads every page of a finished job', async () => {
    const pages = [
      { JobStatus: 'SUCCEEDED', VideoMetadata: { DurationMillis: 10000, FrameRate: 25 }, ModerationLabels: [label('Explicit', '', 40)], NextToken: 'p2' },
      { JobStatus: 'SUCCEEDED', VideoMetadata: { DurationMillis: 10000, FrameRate: 25 }, ModerationLabels: [label('Explicit', '', 93)] },
    ];
    const tokens: unknown[] = [];
    const client = { send: (command: GetContentModerationCommand) => (tokens.push(command.input.NextToken), Promise.resolve(pages.shift())) } as never;
    expect(await contentModerationResult(client, 'job-1')).toEqual({ status: 'succeeded', scores: { model: 'rekognition', framesScored: 250, scores: { Explicit: 0.93 } } });
    expect(tokens).toEqual([undefined, 'p2']);
  });

  it('says why a job failed', async () => {
    const client = { send: () => Promise.resolve({ JobStatus: 'FAILED', StatusMessage: 'Unsupported codec' }) } as never;
    expect(await contentModerationResult(client, 'job-2')).toEqual({ status: 'failed', message: 'Rekognition job job-2 is FAILED: Unsupported codec' });
  });
});
