import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { DeleteObjectCommand, GetObjectTaggingCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createDynamoDbEventStore } from '../../adapters/eventstore';
import { ffmpegPath, run } from '../../adapters/media/ffmpeg';
import { decodeShowEvent, showStreamId, type ShowEventType } from '../../domain/show';
import { readArchive } from '../../local/archives/archive';
import { localCredentials, startLocalCloud, type LocalCloud } from '../../local/cloud';
import { createLocalIssuer, type LocalIssuer } from '../../local/gateway';
import { makeTestClip, type ClipOptions } from '../../local/mediaconvert/testClip';

/**
 * The publish workflow end to end on the real serverless.yml: uploads through the API, S3 -> EventBridge -> the
 * real state machine, real ffmpeg transcodes into the local S3, reviews through the API and the machine reviewer.
 */
/**
 * Short deadlines so the timeout path runs in seconds: the first review wait ends within seconds, yet outlasts a
 * fresh clone's cold starts, so a human decision in the other tests lands inside the wait rather than racing its
 * timeout. The deployable definition keeps the real ones (workflows/deadlines.yml).
 */
const shortDeadlines = {
  AwaitReview: { TimeoutSeconds: 20, HeartbeatSeconds: 18 },
  AwaitHumanReview: { TimeoutSeconds: 600 },
  Transcode: { TimeoutSeconds: 600 },
};

describe('the publish workflow', () => {
  const root = mkdtempSync(join(tmpdir(), 'publish-workflow-'));
  const dataDir = join(root, 'data');
  const savedEnv = { ...process.env };
  let cloud: LocalCloud;
  let issuer: LocalIssuer;
  let store: ReturnType<typeof createDynamoDbEventStore>;
  let dynamodb: DynamoDBClient;
  let s3: S3Client;

  beforeAll(async () => {
    // A fault-injected input for the failure path.
    process.env.SHOWRUNNER_MEDIACONVERT_FAIL_INPUTS = '^uploads/fail-transcode-';
    process.env.SHOWRUNNER_ARCHIVE_SOURCE = 'GLACIER';
    cloud = await startLocalCloud({ ports: { api: 0, edge: 0, dynamodb: 0, s3: 0 }, dataDir, stage: 'dev', configPath: resolve('serverless.yml'), stateDeadlines: shortDeadlines }, () => undefined);
    const cognito = cloud.service.httpApi.authorizers.cognito;
    issuer = await createLocalIssuer({ dataDir, issuerUrl: cognito?.issuerUrl ?? '', audience: cognito?.audience[0] ?? '' });
    dynamodb = new DynamoDBClient({ endpoint: cloud.endpoints.dynamodb, region: cloud.service.region, credentials: localCredentials });
    store = createDynamoDbEventStore({ client: dynamodb, tables: { events: 'showrunner-dev-events', snapshots: 'showrunner-dev-snapshots' } });
    s3 = new S3Client({ endpoint: cloud.endpoints.s3, region: cloud.service.region, credentials: localCredentials, forcePathStyle: true });
  }, 120_000);

  afterAll(async () => {
    process.env = savedEnv;
    // Each may be missing when start-up failed; the start-up error is the one to report.
    (dynamodb as DynamoDBClient | undefined)?.destroy();
    (s3 as S3Client | undefined)?.destroy();
    await (cloud as LocalCloud | undefined)?.stop();
    rmSync(root, { recursive: true, force: true });
  }, 120_000);

  const api = async (method: string, path: string, groups: string[], body?: unknown) => {
    const token = await issuer.mint({ sub: `${groups.join('-') || 'viewer'}-user`, groups });
    const response = await fetch(`${cloud.endpoints.api}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  const events = async (showId: string) => (await store.readStream(showStreamId(showId))).events.map((stored) => decodeShowEvent(stored));
  const types = async (showId: string) => (await events(showId)).map((e) => e.type);

  const waitFor = async <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const waitForEvent = (showId: string, type: ShowEventType) => waitFor(`${type} of ${showId}`, async () => ((await types(showId)).includes(type) ? true : undefined));

  /** POST /uploads, then PUT the bytes to the presigned URL: what a creator's client does. */
  const upload = async (bytes: Buffer, options: { showId?: string; fileName?: string } = {}) => {
    const fileName = options.fileName ?? 'clip.MP4';
    const created = await api('POST', '/uploads', ['creator'], {
      title: 'Test pattern',
      description: 'Made by ffmpeg',
      genre: 'test',
      language: 'en',
      fileName,
      contentType: 'video/mp4',
      sizeBytes: Math.max(1, bytes.length),
      ...(options.showId === undefined ? {} : { showId: options.showId }),
    });
    expect(created.status).toBe(201);
    const showId = String(created.body.showId);
    const target = created.body.upload as { url: string; key: string; headers: Record<string, string> };
    const put = await fetch(target.url, { method: 'PUT', headers: target.headers, body: bytes });
    expect(put.status).toBe(200);
    return { showId, key: target.key };
  };

  const clip = async (name: string, options: ClipOptions) => {
    const path = join(root, `${name}.mp4`);
    await makeTestClip(path, { seconds: 2, width: 320, height: 240, ...options });
    return readFileSync(path);
  };

  const timeline = async (showId: string) => (await api('GET', `/shows/${showId}/workflow`, ['creator'])).body as { currentStage: string; executionName: string | null; error: { stage: string; reason: string } | null; stages: { stage: string; status: string }[] };

  /**
   * The ProcessingFailed events that reached the bus for a show: the stored ones, which the outbox publishes. The
   * bus's archive (a managed rule on the bus, as on AWS: local/archives) receives everything put on it.
   */
  const notificationsOf = (showId: string) => {
    const archive = cloud.service.archives.find((a) => a.eventBusName === 'showrunner-dev');
    if (archive === undefined) throw new Error('serverless.yml declares no archive on the bus');
    return readArchive(dataDir, archive.name)
      .filter((e) => e.source === 'showrunner.catalog' && e['detail-type'] === 'ProcessingFailed')
      .map((e) => (e.detail as { data?: Record<string, unknown> }).data ?? {})
      .filter((data) => data.showId === showId);
  };

  /** Waits for the run to end FAILED: after that, no further notification of it can come. */
  const failedRun = (executionName: string) =>
    waitFor(`execution ${executionName} to fail`, async () => {
      const { executions } = await cloud.stepFunctions.listExecutions({ stateMachineArn: `arn:aws:states:${cloud.service.region}:${cloud.service.accountId}:stateMachine:showrunner-dev-publish` });
      return executions.some((e) => e.name === executionName && e.status === 'FAILED') ? true : undefined;
    });

  /** The run stopped at `stage`: one ProcessingFailed in the stream, the workflow view, exactly one notification. */
  const expectRecordedFailure = async (showId: string, stage: string, error: string | RegExp) => {
    await waitForEvent(showId, 'ProcessingFailed');
    const recorded = (await events(showId)).filter((e) => e.type === 'ProcessingFailed');
    expect(recorded).toHaveLength(1);
    const data = recorded[0]?.type === 'ProcessingFailed' ? recorded[0].data : undefined;
    expect(data?.stage).toBe(stage);
    expect(data?.error).toMatch(error);
    await failedRun(data?.executionName ?? '');
    // The outbox publishes the stored event moments after it is stored: wait for it, then make sure it came once.
    await waitFor('the ProcessingFailed on the bus', async () => (notificationsOf(showId).length > 0 ? true : undefined));
    await cloud.eventBridge.idle();
    const notified = notificationsOf(showId);
    expect(notified).toHaveLength(1);
    expect(notified[0]).toMatchObject({ showId, stage, executionName: data?.executionName });
    const view = await timeline(showId);
    expect(view.currentStage).toBe(stage);
    expect(view.stages.at(-1)).toMatchObject({ stage, status: 'failed' });
    expect(view.error?.stage).toBe(stage);
    return data;
  };

  /**
   * GET /reviews?status=pending once the queue (a projection of the show events, fed by the events table's stream)
   * shows what `settled` waits for; the last answer when it never does, for the assertions to report.
   */
  type PendingReview = { showId: string; claimedBy?: string; escalation: string | null };
  const pendingReviewsOnceProjected = async (settled: (reviews: PendingReview[]) => boolean): Promise<PendingReview[]> => {
    let last: PendingReview[] = [];
    await waitFor('the review queue', async () => {
      last = (await api('GET', '/reviews?status=pending', ['reviewer'])).body.reviews as PendingReview[];
      return settled(last) ? true : undefined;
    }, 10_000).catch(() => undefined);
    return last;
  };

  const reprocessReachesReview = async (showId: string) => {
    const before = (await types(showId)).filter((t) => t === 'ReviewRequested').length;
    expect((await api('POST', `/shows/${showId}/reprocess`, ['admin'])).status).toBe(202);
    await waitFor('the reprocessed run to reach review', async () => ((await types(showId)).filter((t) => t === 'ReviewRequested').length > before ? true : undefined));
    const view = await timeline(showId);
    expect(view.error).toBeNull();
    expect(view.stages.at(-1)).toMatchObject({ stage: 'review', status: 'running' });
  };

  it('takes an upload to review, and an approval by a human to published HLS that decodes end to end', async () => {
    // No audio track: the machine reviewer is unsure and escalates to a human.
    const { showId, key } = await upload(await clip('silent', { audio: 'none' }));
    await waitForEvent(showId, 'ReviewEscalated');
    // Later escalations (the short review deadline of this suite) may follow; the run up to the review is fixed.
    expect((await types(showId)).slice(0, 9)).toEqual(['ShowDrafted', 'UploadRequested', 'SourceUploaded', 'IngestStarted', 'SourceProbed', 'TranscodeRequested', 'TranscodeCompleted', 'ReviewRequested', 'ReviewEscalated']);

    // A reviewer opening the review heartbeats the waiting task: the claim succeeds only while the wait is live.
    expect((await api('POST', `/reviews/${showId}/claim`, ['creator'])).status).toBe(403);
    expect((await api('POST', `/reviews/${showId}/claim`, ['reviewer'])).status).toBe(200);
    const pending = await pendingReviewsOnceProjected((reviews) => reviews.some((r) => r.showId === showId));
    expect(pending.find((r) => r.showId === showId)?.claimedBy).toBe('reviewer-user');
    expect((await api('POST', `/reviews/${showId}/decision`, ['creator'], { decision: 'approve' })).status).toBe(403);

    const approved = await api('POST', `/reviews/${showId}/decision`, ['reviewer'], { decision: 'approve', reason: 'looks right' });
    expect(approved.status).toBe(200);
    const second = await api('POST', `/reviews/${showId}/decision`, ['reviewer'], { decision: 'reject', reason: 'changed my mind' });
    expect(second.status).toBe(409);

    // The first publish pays the cold starts of the resumer and the publish functions.
    await waitFor(`ShowPublished of ${showId}`, async () => ((await types(showId)).includes('ShowPublished') ? true : undefined), 180_000);
    const published = (await events(showId)).find((e) => e.type === 'ShowPublished');
    const hls = published?.type === 'ShowPublished' ? published.data.playback.find((p) => p.format === 'hls')?.url : undefined;
    // Published URLs point at the media distribution (locally its stand-in, local/playback); playing needs a grant.
    expect(hls?.startsWith(`${cloud.endpoints.playback ?? 'no playback origin'}/shows/`)).toBe(true);
    expect(hls).toMatch(/\/shows\/.+\/hls\/master\.m3u8$/);
    expect((await fetch(hls ?? '')).status).toBe(403);
    const grant = (await api('GET', `/shows/${showId}/playback`, ['viewer'])).body as { sources: { format: string; url: string }[]; cloudFront: { cookies: Record<string, string> } };
    const cookie = Object.entries(grant.cloudFront.cookies).map(([name, value]) => `${name}=${value}`).join('; ');
    const signedHls = grant.sources.find((source) => source.format === 'hls')?.url ?? '';
    const decoded = await run(ffmpegPath, ['-v', 'error', '-headers', `Cookie: ${cookie}\r\n`, '-i', signedHls, '-map', '0:v:0', '-f', 'null', '-']);
    expect(decoded.stderr).toBe('');

    const status = await timeline(showId);
    expect(status.stages.map((s) => `${s.stage}:${s.status}`)).toEqual(['upload:succeeded', 'ingest:succeeded', 'transcode:succeeded', 'review:succeeded', 'publish:succeeded']);
    expect(status.executionName).toMatch(/^[A-Za-z0-9_-]{1,80}$/);
    // SHOWRUNNER_ARCHIVE_SOURCE=GLACIER: the published source carries the tag the bucket's lifecycle rule matches.
    const tags = await s3.send(new GetObjectTaggingCommand({ Bucket: 'showrunner-dev-sources', Key: key }));
    expect(tags.TagSet).toEqual([{ Key: 'ArchiveSource', Value: 'GLACIER' }]);
    expect((await api('POST', `/reviews/${showId}/claim`, ['reviewer'])).status).toBe(409);
    // The first run pays every function's cold start, the machine reviewer's moderation model load among them.
  }, 300_000);

  it('ends in rejected when a human rejects', async () => {
    const { showId } = await upload(await clip('silent-reject', { audio: 'none' }));
    await waitForEvent(showId, 'ReviewEscalated');
    expect((await api('POST', `/reviews/${showId}/decision`, ['reviewer'], { decision: 'reject', reason: 'not our content', category: 'CONTENT_POLICY' })).status).toBe(200);
    const status = await waitFor('the rejection', async () => {
      const t = await timeline(showId);
      return t.error?.stage === 'review' ? t : undefined;
    });
    expect(status.error).toMatchObject({ stage: 'review', reason: 'CONTENT_POLICY' });
    expect(await types(showId)).not.toContain('ShowPublished');
  }, 100_000);

  it('lets the machine reviewer approve clean media and reject a black picture', async () => {
    const clean = await upload(await clip('clean', { audio: 'tone' }));
    const black = await upload(await clip('black', { audio: 'tone', picture: 'black' }));
    await waitForEvent(clean.showId, 'ShowPublished');
    await waitForEvent(black.showId, 'ShowRejected');
    const rejection = (await events(black.showId)).find((e) => e.type === 'ShowRejected');
    expect(rejection?.actor).toEqual({ id: 'machine-reviewer', kind: 'service' });
    expect(rejection?.data).toMatchObject({ reason: 'VIDEO_QUALITY' });
    // This stack runs the real moderation model (npm start's default): its scores are recorded with the approval.
    const approval = (await events(clean.showId)).find((e) => e.type === 'ShowApproved');
    const moderation = approval?.type === 'ShowApproved' ? approval.data.assessment?.moderation : undefined;
    expect(moderation?.model).toBe('nsfwjs-mobilenet-v2');
    expect(moderation?.framesScored).toBeGreaterThan(0);
    expect(Object.keys(moderation?.scores ?? {})).toEqual(expect.arrayContaining(['Neutral', 'Drawing']));
  }, 100_000);

  it('ends a corrupt upload cleanly with an ingest failure that says why', async () => {
    const { showId } = await upload(randomBytes(4096));
    await waitForEvent(showId, 'IngestFailed');
    const failure = (await events(showId)).find((e) => e.type === 'IngestFailed');
    expect(failure?.data).toMatchObject({ reason: 'SOURCE_UNREADABLE' });
    expect((await timeline(showId)).error).toMatchObject({ stage: 'ingest', reason: 'SOURCE_UNREADABLE' });
  }, 100_000);

  it('records a failed transcode, and an admin reprocess starts a new run', async () => {
    const { showId } = await upload(await clip('fails', { audio: 'none' }), { showId: `fail-transcode-${Date.now()}` });
    await waitForEvent(showId, 'TranscodeFailed');
    const failure = (await events(showId)).find((e) => e.type === 'TranscodeFailed');
    expect(failure?.data).toMatchObject({ reason: 'JOB_FAILED' });
    expect(failure?.type === 'TranscodeFailed' && failure.data.message).toContain('Injected failure');
    expect((await timeline(showId)).error).toMatchObject({ stage: 'transcode', reason: 'JOB_FAILED' });

    await expectRecordedFailure(showId, 'transcode', 'MediaConvert.JobFailed');
    // The transcode's own failure event names the reason better than the run's, and the view keeps it.
    expect((await timeline(showId)).error).toMatchObject({ stage: 'transcode', reason: 'JOB_FAILED' });

    expect((await api('POST', `/shows/${showId}/reprocess`, ['creator'])).status).toBe(403);
    expect((await api('POST', `/shows/${showId}/reprocess`, ['admin'])).status).toBe(202);
    await waitFor('the second transcode request', async () => ((await types(showId)).filter((t) => t === 'TranscodeRequested').length === 2 ? true : undefined));
  }, 100_000);

  it('records a failed review stage, announces it once, and a reprocess starts over', async () => {
    const { showId } = await upload(await clip('review-fails', { audio: 'none' }));
    await waitForEvent(showId, 'ReviewEscalated');
    // The reviewer side reports that it cannot review (what a content-moderation backend giving up does): the real
    // SendTaskFailure on the stored token. The token may be replaced by a timeout escalation meanwhile: read it again.
    await waitFor('the review task to take the failure', async () => {
      const item = await dynamodb.send(new GetItemCommand({ TableName: 'showrunner-dev-reviews', Key: { showId: { S: showId } }, ConsistentRead: true }));
      const taskToken = item.Item?.taskToken?.S ?? '';
      return cloud.stepFunctions.sendTaskFailure({ taskToken, error: 'Review.Unavailable', cause: 'The moderation service gave up on this media.' }).then(() => true, () => undefined);
    });
    const failure = await expectRecordedFailure(showId, 'review', 'Review.Unavailable');
    expect(failure?.cause).toBe('The moderation service gave up on this media.');
    // No workflow waits for that review any more: it leaves the reviewers' pending list, and a decision is a 409.
    const pending = await pendingReviewsOnceProjected((reviews) => !reviews.some((r) => r.showId === showId));
    expect(pending.map((r) => r.showId)).not.toContain(showId);
    expect((await api('POST', `/reviews/${showId}/decision`, ['reviewer'], { decision: 'approve' })).status).toBe(409);
    await reprocessReachesReview(showId);
  }, 150_000);

  it('records a failed publish (outputs gone while in review), announces it once, and a reprocess starts over', async () => {
    const { showId } = await upload(await clip('publish-fails', { audio: 'none' }));
    await waitForEvent(showId, 'ReviewEscalated');
    const transcoded = (await events(showId)).find((e) => e.type === 'TranscodeCompleted');
    const master = transcoded?.type === 'TranscodeCompleted' ? transcoded.data.outputs.find((o) => o.format === 'hls')?.key : undefined;
    await s3.send(new DeleteObjectCommand({ Bucket: 'showrunner-dev-media', Key: master ?? '' }));
    expect((await api('POST', `/reviews/${showId}/decision`, ['reviewer'], { decision: 'approve' })).status).toBe(200);
    const failure = await expectRecordedFailure(showId, 'publish', 'OutputsMissing');
    expect(failure?.cause).toContain(master);
    expect(await types(showId)).not.toContain('ShowPublished');
    await reprocessReachesReview(showId);
  }, 150_000);

  it('records a review nobody decided in time as escalated, and a human can still decide it', async () => {
    const { showId } = await upload(await clip('slow-review', { audio: 'none' }));
    await waitFor('the timeout escalation', async () => {
      const escalations = (await events(showId)).filter((e) => e.type === 'ReviewEscalated');
      return escalations.some((e) => e.type === 'ReviewEscalated' && e.data.reason === 'TIMED_OUT') ? true : undefined;
    });
    // The queue may show the machine reviewer's earlier escalation until it has folded the timeout's.
    const pending = await pendingReviewsOnceProjected((reviews) => reviews.some((r) => r.showId === showId && r.escalation === 'TIMED_OUT'));
    expect(pending.find((r) => r.showId === showId)?.escalation).toBe('TIMED_OUT');
    expect((await api('POST', `/reviews/${showId}/decision`, ['reviewer'], { decision: 'approve' })).status).toBe(200);
    await waitForEvent(showId, 'ShowPublished');
  }, 100_000);

  it("shows a running transcode's progress as MediaConvert's GetJob reports it, and none once the transcode is done", async () => {
    // Long enough that the encodes run for seconds: the view is read while they run.
    const { showId } = await upload(await clip('long', { seconds: 30, width: 854, height: 480, audio: 'none' }));
    const seen: number[] = [];
    await waitFor('a progress reading or the end of the transcode', async () => {
      const view = (await api('GET', `/shows/${showId}/workflow`, ['creator'])).body as { currentStage: string; progress: { stage: string; percent: number } | null };
      if (view.progress !== null) {
        expect(view).toMatchObject({ currentStage: 'transcode', progress: { stage: 'transcode' } });
        seen.push(view.progress.percent);
      }
      const ended = (await types(showId)).some((t) => t === 'TranscodeCompleted' || t === 'TranscodeFailed');
      return seen.some((percent) => percent > 0) || ended ? true : undefined;
    });
    expect(seen.some((percent) => percent > 0 && percent <= 100)).toBe(true);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    await waitForEvent(showId, 'TranscodeCompleted');
    expect(((await api('GET', `/shows/${showId}/workflow`, ['creator'])).body as { progress: unknown }).progress).toBeNull();
  }, 150_000);

  it('starts nothing new for a duplicated S3 event', async () => {
    const { showId, key } = await upload(await clip('duplicate', { audio: 'tone' }));
    await waitForEvent(showId, 'ShowPublished');
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'showrunner-dev-sources', Key: key }));
    const before = await types(showId);
    const executions = async () => (await cloud.stepFunctions.listExecutions({ stateMachineArn: `arn:aws:states:${cloud.service.region}:${cloud.service.accountId}:stateMachine:showrunner-dev-publish` })).executions.length;
    const count = await executions();
    await cloud.eventBridge.putEvents([
      {
        Source: 'aws.s3',
        DetailType: 'Object Created',
        EventBusName: 'default',
        Detail: JSON.stringify({ version: '0', bucket: { name: 'showrunner-dev-sources' }, object: { key, size: head.ContentLength, etag: head.ETag?.replace(/"/g, '') } }),
      },
    ]);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await executions()).toBe(count);
    expect(await types(showId)).toEqual(before);
  }, 100_000);
});
