import { GetJobCommand, ListJobsCommand, MediaConvertClient, NotFoundException } from '@aws-sdk/client-mediaconvert';
import { startMediaConvertApi } from './api';
import { createJobStore } from './jobs';
import { progressingJob } from './testing/progressingJob';


describe("the local MediaConvert's GetJob and ListJobs, through the AWS SDK", () => {
  const jobs = createJobStore();
  let api: Awaited<ReturnType<typeof startMediaConvertApi>>;
  let client: MediaConvertClient;

  beforeAll(async () => {
    api = await startMediaConvertApi(jobs);
    client = new MediaConvertClient({ endpoint: api.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    jobs.add(progressingJob('done', { status: 'COMPLETE', currentPhase: null, percentComplete: 100, finishedAt: new Date('2026-03-01T10:01:00Z') }));
    jobs.add(progressingJob('running'));
  });
  afterAll(async () => {
    client.destroy();
    await api.stop();
  });

  it("describes a running job with its phase, percentage and user metadata", async () => {
    const { Job } = await client.send(new GetJobCommand({ Id: 'running' }));
    expect(Job).toMatchObject({ Id: 'running', Status: 'PROGRESSING', CurrentPhase: 'TRANSCODING', JobPercentComplete: 42, UserMetadata: { showId: 'show-1', transcodeId: 't-running' } });
    expect(Job?.CreatedAt).toEqual(new Date('2026-03-01T10:00:00Z'));
  });

  it('reports no percentage once a job is complete, as MediaConvert does', async () => {
    const { Job } = await client.send(new GetJobCommand({ Id: 'done' }));
    expect(Job?.Status).toBe('COMPLETE');
    expect(Job?.JobPercentComplete).toBeUndefined();
  });

  it('lists jobs by status, newest first, and answers an unknown job with NotFoundException', async () => {
    const progressing = await client.send(new ListJobsCommand({ Status: 'PROGRESSING', Order: 'DESCENDING' }));
    expect(progressing.Jobs?.map((j) => j.Id)).toEqual(['running']);
    const all = await client.send(new ListJobsCommand({ MaxResults: 1 }));
    expect(all.Jobs?.map((j) => j.Id)).toEqual(['running']);
    const next = await client.send(new ListJobsCommand({ MaxResults: 1, NextToken: all.NextToken }));
    expect(next.Jobs?.map((j) => j.Id)).toEqual(['done']);
    await expect(client.send(new GetJobCommand({ Id: 'nope' }))).rejects.toBeInstanceOf(NotFoundException);
  });
});
