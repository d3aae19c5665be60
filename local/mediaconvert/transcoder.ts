import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { jobPaths } from './commands';
import { FfmpegError, ffprobePath, run } from '../../adapters/media/ffmpeg';
import { createJobStore, type JobStore, type LocalJob } from './jobs';
import { planJob, type S3Location, type TranscodePlan } from './plan';
import { createJobProgress } from './progress';
import { runPlan } from './runPlan';

export interface LocalMediaConvertOptions {
  /** The local S3 the sources are read from and the outputs written to. */
  readonly s3Endpoint: string;
  readonly region: string;
  /**
   * Fault injection for tests of the failure path: a job whose input key matches fails as a MediaConvert job
   * with an unreadable input does. Also read from SHOWRUNNER_MEDIACONVERT_FAIL_INPUTS (a regular expression).
   */
  readonly failInputs?: RegExp;
}

/** A job that failed as MediaConvert reports it: the name becomes the Step Functions error (`MediaConvert.<name>`). */
export class MediaConvertJobError extends Error {
  constructor(readonly errorCode: number, message: string) {
    super(message);
    this.name = 'JobFailed';
  }
}

const contentTypes: Record<string, string> = {
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.ts': 'video/mp2t',
  '.mpd': 'application/dash+xml',
  '.m4s': 'video/iso.segment',
  '.mp4': 'video/mp4',
  '.jpg': 'image/jpeg',
};

const prefixOf = (key: string) => key.slice(0, key.lastIndexOf('/') + 1);

const uploadDir = async (s3: S3Client, dir: string, destination: S3Location): Promise<string[]> => {
  const files = await readdir(dir);
  const prefix = prefixOf(destination.key);
  await Promise.all(
    files.map(async (file) =>
      s3.send(new PutObjectCommand({ Bucket: destination.bucket, Key: `${prefix}${file}`, Body: await readFile(join(dir, file)), ContentType: contentTypes[extname(file)] ?? 'application/octet-stream' })),
    ),
  );
  return files.map((file) => `${prefix}${file}`).sort();
};

const download = async (s3: S3Client, from: S3Location, to: string): Promise<void> => {
  const object = await s3.send(new GetObjectCommand({ Bucket: from.bucket, Key: from.key })).catch((error: unknown) => {
    throw new MediaConvertJobError(1030, `Failed to read input s3://${from.bucket}/${from.key}: ${error instanceof Error ? error.message : String(error)}`);
  });
  if (!(object.Body instanceof Readable)) throw new MediaConvertJobError(1030, `Input s3://${from.bucket}/${from.key} has no body`);
  await pipeline(object.Body, createWriteStream(to));
};

const outputGroupDetails = (plan: TranscodePlan) => [
  ...(plan.hls ? [{ Type: 'HLS_GROUP', OutputDetails: plan.renditions.map((r) => ({ VideoDetails: { WidthInPx: r.width, HeightInPx: r.height } })) }] : []),
  ...(plan.dash ? [{ Type: 'DASH_ISO_GROUP', OutputDetails: plan.renditions.map((r) => ({ VideoDetails: { WidthInPx: r.width, HeightInPx: r.height } })) }] : []),
  ...(plan.thumbnails ? [{ Type: 'FILE_GROUP', OutputDetails: [{ VideoDetails: { WidthInPx: plan.thumbnails.width, HeightInPx: plan.thumbnails.height } }] }] : []),
];

/** The source's duration in seconds, what progress is measured against; 0 when ffprobe cannot say (no percentage then). */
const durationOf = async (file: string): Promise<number> => {
  const { stdout } = await run(ffprobePath, ['-v', 'error', '-show_entries', 'format=duration', '-of', 'default=nw=1:nk=1', file]).catch(() => ({ stdout: '' }));
  const seconds = Number.parseFloat(stdout.trim());
  return Number.isFinite(seconds) && seconds > 0 ? seconds : 0;
};

const requestFieldsOf = (request: unknown) => {
  const fields = (typeof request === 'object' && request !== null ? request : {}) as { Settings?: unknown; Role?: unknown; Queue?: unknown };
  return { settings: fields.Settings, role: typeof fields.Role === 'string' ? fields.Role : '', queue: typeof fields.Queue === 'string' ? fields.Queue : undefined };
};

/** The job as GetJob describes it once COMPLETE: what `createJob.sync` resolves with. */
const completedJob = (job: LocalJob) => ({
  Id: job.id,
  Arn: job.arn,
  Status: 'COMPLETE',
  UserMetadata: job.userMetadata,
  Settings: job.settings,
  OutputGroupDetails: job.outputGroupDetails ?? [],
  Timing: { SubmitTime: job.createdAt.toISOString(), StartTime: (job.startedAt ?? job.createdAt).toISOString(), FinishTime: (job.finishedAt ?? new Date()).toISOString() },
});

/**
 * The local MediaConvert: `createJob` is the backend of `mediaconvert:createJob(.sync)` in the local Step Functions.
 * It runs the job with real ffmpeg, writes renditions, the HLS master playlist, the DASH manifest and thumbnails to
 * the destination bucket, and resolves with `{ Job }` as GetJob describes a COMPLETE job; a failed job rejects with
 * `JobFailed`. Every job is kept in `jobs` with its status, phase and percentage (from ffmpeg's progress reports),
 * which GetJob and ListJobs answer from (api.ts).
 */
export const createLocalMediaConvertService = (options: LocalMediaConvertOptions, jobs: JobStore = createJobStore()) => {
  const s3 = new S3Client({
    endpoint: options.s3Endpoint,
    region: options.region,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const envFailure = process.env.SHOWRUNNER_MEDIACONVERT_FAIL_INPUTS;
  const failInputs = options.failInputs ?? (envFailure ? new RegExp(envFailure) : undefined);

  const execute = async (job: LocalJob, plan: TranscodePlan): Promise<void> => {
    if (failInputs?.test(plan.input.key)) throw new MediaConvertJobError(1040, `Injected failure for input ${plan.input.key} (fault injection)`);
    const root = await mkdtemp(join(tmpdir(), 'mediaconvert-'));
    try {
      Object.assign(job, { status: 'PROGRESSING', currentPhase: 'PROBING', startedAt: new Date() });
      const paths = jobPaths(root, `source${extname(plan.input.key)}`);
      await download(s3, plan.input, paths.source);
      const progress = createJobProgress(await durationOf(paths.source), plan.renditions.map((r) => r.name), (percent) => {
        job.percentComplete = percent;
      });
      Object.assign(job, { currentPhase: 'TRANSCODING', percentComplete: 0 });
      await runPlan(plan, paths, undefined, progress).catch((error: unknown) => {
        throw new MediaConvertJobError(1010, `Transcoding failed: ${error instanceof FfmpegError ? error.stderrTail : String(error)}`);
      });
      job.currentPhase = 'UPLOADING';
      await Promise.all([
        plan.hls ? uploadDir(s3, paths.hls, plan.hls.destination) : [],
        plan.dash ? uploadDir(s3, paths.dash, plan.dash.destination) : [],
        plan.thumbnails ? uploadDir(s3, paths.thumbnails, plan.thumbnails.destination) : [],
      ]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  };

  const createJob = async (request: unknown): Promise<unknown> => {
    const plan = planJob(request);
    const id = `${Date.now()}-${randomUUID().slice(0, 6)}`;
    const { settings, role, queue } = requestFieldsOf(request);
    const job = jobs.add({
      id,
      arn: `arn:aws:mediaconvert:${options.region}:000000000000:jobs/${id}`,
      role,
      queue: queue ?? `arn:aws:mediaconvert:${options.region}:000000000000:queues/Default`,
      settings,
      userMetadata: plan.userMetadata,
      createdAt: new Date(),
      status: 'SUBMITTED',
      currentPhase: null,
      percentComplete: null,
      startedAt: null,
      finishedAt: null,
      outputGroupDetails: null,
      error: null,
    });
    try {
      await execute(job, plan);
    } catch (error) {
      const failure = error instanceof MediaConvertJobError ? error : new MediaConvertJobError(1999, String(error));
      Object.assign(job, { status: 'ERROR', currentPhase: null, finishedAt: new Date(), error: { code: failure.errorCode, message: failure.message } });
      throw failure;
    }
    Object.assign(job, { status: 'COMPLETE', currentPhase: null, percentComplete: 100, finishedAt: new Date(), outputGroupDetails: outputGroupDetails(plan) });
    return { Job: completedJob(job) };
  };

  return { jobs, createJob };
};

/** The createJob backend alone, for a Step Functions service that needs nothing else of MediaConvert. */
export const createLocalMediaConvert = (options: LocalMediaConvertOptions) => createLocalMediaConvertService(options).createJob;
