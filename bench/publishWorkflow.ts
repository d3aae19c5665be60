import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoDbEventStore } from '../adapters/eventstore';
import { buildMediaConvertJob } from '../domain/media/jobSettings';
import { showStreamId } from '../domain/show';
import { chooseLadder } from '../domain/show/ladder';
import { probeSource } from '../functions/workflow/probe';
import { localCredentials, startLocalCloud, type LocalCloud } from '../local/cloud';
import { createLocalIssuer, type LocalIssuer } from '../local/gateway';
import { jobPaths } from '../local/mediaconvert/commands';
import { planJob } from '../local/mediaconvert/plan';
import { runPlan } from '../local/mediaconvert/runPlan';
import { makeTestClip } from '../local/mediaconvert/testClip';
import type { BenchModule, BenchSection } from './benchModule';
import { median, round } from './measure';

/**
 * Upload-to-awaiting-review wall time of the publish workflow for a 10 s 1080p clip, against the same ffmpeg work
 * run bare on local files (ffprobe, then the transcoder's own commands for the job the domain builds). The cloud
 * is warmed with a tiny clip first: Lambda cold starts are a once-per-container cost, not a per-upload one.
 */
const rounds = Number(process.env.BENCH_WORKFLOW_ROUNDS ?? 2);
const seconds = Number(process.env.BENCH_WORKFLOW_CLIP_SECONDS ?? 10);

interface Harness {
  readonly cloud: LocalCloud;
  readonly issuer: LocalIssuer;
  readonly store: ReturnType<typeof createDynamoDbEventStore>;
  readonly dynamodb: DynamoDBClient;
}

const uploadAndAwaitReview = async (h: Harness, bytes: Buffer): Promise<number> => {
  const token = await h.issuer.mint({ sub: 'bench', groups: ['creator'] });
  const response = await fetch(`${h.cloud.endpoints.api}/uploads`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    // No audio track in the clip's upload metadata matters not; the machine reviewer runs after the window.
    body: JSON.stringify({ title: 'Bench', description: '', genre: 'bench', language: 'en', fileName: 'clip.mp4', contentType: 'video/mp4', sizeBytes: bytes.length }),
  });
  const created = (await response.json()) as { showId: string; upload: { url: string; headers: Record<string, string> } };
  const started = performance.now();
  await fetch(created.upload.url, { method: 'PUT', headers: created.upload.headers, body: bytes });
  for (;;) {
    const { events } = await h.store.readStream(showStreamId(created.showId));
    if (events.some((e) => e.type === 'ReviewRequested')) return performance.now() - started;
    if (events.some((e) => e.type === 'IngestFailed' || e.type === 'TranscodeFailed')) throw new Error(`the workflow failed: ${events.map((e) => e.type).join(', ')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

const bare = async (source: string, root: string, index: number): Promise<number> => {
  const started = performance.now();
  const probed = await probeSource(source);
  if (!probed.ok) throw new Error(probed.message);
  const { probe } = probed;
  const job = buildMediaConvertJob({ showId: 'bench', transcodeId: `t${index}`, ladder: chooseLadder(probe), probe, source: { bucket: 'b', key: 'clip.mp4' }, destinationBucket: 'm', roleArn: 'arn:role' });
  const paths = { ...jobPaths(join(root, `bare-${index}`), 'unused'), source };
  await runPlan(planJob(job), paths);
  return performance.now() - started;
};

export const publishWorkflowBenchmark: BenchModule = {
  section: 'publishWorkflow',
  async run(): Promise<BenchSection> {
    const root = mkdtempSync(join(tmpdir(), 'bench-workflow-'));
    const dataDir = join(root, 'data');
    const cloud = await startLocalCloud({ ports: { api: 0, edge: 0, dynamodb: 0, s3: 0 }, dataDir, stage: 'dev', configPath: resolve(__dirname, '..', 'serverless.yml') }, () => undefined);
    const dynamodb = new DynamoDBClient({ endpoint: cloud.endpoints.dynamodb, region: cloud.service.region, credentials: localCredentials });
    try {
      const cognito = cloud.service.httpApi.authorizers.cognito;
      const issuer = await createLocalIssuer({ dataDir, issuerUrl: cognito?.issuerUrl ?? '', audience: cognito?.audience[0] ?? '' });
      const store = createDynamoDbEventStore({ client: dynamodb, tables: { events: 'showrunner-dev-events', snapshots: 'showrunner-dev-snapshots' } });
      const h: Harness = { cloud, issuer, store, dynamodb };
      const tiny = join(root, 'tiny.mp4');
      const clip = join(root, 'clip.mp4');
      await makeTestClip(tiny, { seconds: 1, width: 320, height: 240 });
      await makeTestClip(clip, { seconds, width: 1920, height: 1080 });
      const warmUp = await uploadAndAwaitReview(h, readFileSync(tiny));
      const bareMs: number[] = [];
      const workflowMs: number[] = [];
      // Interleaved, so a slower stretch of a shared machine falls on both sides alike.
      for (let index = 0; index < rounds; index += 1) {
        bareMs.push(await bare(clip, root, index));
        workflowMs.push(await uploadAndAwaitReview(h, readFileSync(clip)));
      }
      const bareMedian = median(bareMs);
      const workflowMedian = median(workflowMs);
      const overhead = (workflowMedian - bareMedian) / bareMedian;
      const row = (variant: string, samples: readonly number[]) => ({ variant, 'median s': round(median(samples) / 1000, 2), 'runs (s)': samples.map((ms) => round(ms / 1000, 2)).join(', ') });
      return {
        title: `Publish workflow: upload to awaiting review, ${seconds} s 1080p clip`,
        measuredAt: new Date().toISOString(),
        environment: `${cpus().length} CPUs, Node ${process.version}, @ffmpeg-installer/ffmpeg, local cloud`,
        notes: [
          `Workflow overhead over bare ffmpeg: ${round(overhead * 100, 1)}% (target <= 15%).`,
          `Workflow: PUT of the source -> S3 event -> rule -> start function -> ingest (ffprobe over a presigned URL) -> profile -> local MediaConvert (download, the same commands, upload) -> outputs checked -> ReviewRequested in the event store.`,
          'Bare: ffprobe and the same ffmpeg commands on local files (5 renditions 270p..1080p encoded once, HLS and DASH packaged by copy, thumbnails).',
          `Warm-up upload of a 1 s clip took ${round(warmUp / 1000, 2)} s (Lambda cold starts) and is not counted.`,
        ],
        columns: ['variant', 'median s', 'runs (s)'],
        rows: [row('bare ffmpeg', bareMs), row('workflow', workflowMs), { variant: 'overhead', 'median s': round((workflowMedian - bareMedian) / 1000, 2), 'runs (s)': `${round(overhead * 100, 1)}%` }],
      };
    } finally {
      dynamodb.destroy();
      await cloud.stop();
      rmSync(root, { recursive: true, force: true });
    }
  },
};
