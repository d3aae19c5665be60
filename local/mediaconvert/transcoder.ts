import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { FfmpegError, ffmpegPath } from '../../adapters/media/ffmpeg';
import { downloadCaptions, uploadCaptions } from './captions';
import { jobPaths } from './commands';
import { createJobRecords, type JobRun } from './jobRecords';
import { createJobStore, type LocalJob } from './jobs';
import { planJob, type TranscodePlan } from './plan';
import { createJobProgress } from './progress';
import { recoverJobs } from './recovery';
import { runPlan } from './runPlan';
import { download, MediaConvertJobError, uploadDir } from './s3Transfer';
import { durationOf } from './sourceDuration';

export { MediaConvertJobError } from './s3Transfer';
export interface LocalMediaConvertOptions {
  /** The local S3 the sources are read from and the outputs written to. */
  readonly s3Endpoint: string;
  readonly region: string;
  /**
   * Fault injection for tests of the failure path: a job whose input key matches fails as a MediaConvert job
   * with an unreadable input does. Also read from SHOWRUNNER_MEDIACONVERT_FAIL_INPUTS (a regular expression).
   */
  readonly failInputs?: RegExp;
  /**
   * A transient fault (what an internal MediaConvert error looks like to the workflow): the first job of a matching
   * input fails, later ones of the same input run, so a reprocess cures it. Also read from
   * SHOWRUNNER_MEDIACONVERT_FAIL_ONCE_INPUTS (a regular expression).
   */
  readonly failOnceInputs?: RegExp;
  /**
   * Where jobs are kept (`<data dir>/mediaconvert`), so GetJob and ListJobs survive a restart and the next start
   * finds the jobs a killed process left running (recovery.ts). Omitted: jobs live in memory only.
   */
  readonly dataDir?: string;
  readonly log?: (line: string) => void;
}

const outputGroupDetails = (plan: TranscodePlan) => [
  ...(plan.hls ? [{ Type: 'HLS_GROUP', OutputDetails: plan.renditions.map((r) => ({ VideoDetails: { WidthInPx: r.width, HeightInPx: r.height } })) }] : []),
  ...(plan.dash ? [{ Type: 'DASH_ISO_GROUP', OutputDetails: plan.renditions.map((r) => ({ VideoDetails: { WidthInPx: r.width, HeightInPx: r.height } })) }] : []),
  ...(plan.cmaf ? [{ Type: 'CMAF_GROUP', OutputDetails: plan.renditions.map((r) => ({ VideoDetails: { WidthInPx: r.width, HeightInPx: r.height } })) }] : []),
  ...(plan.thumbnails ? [{ Type: 'FILE_GROUP', OutputDetails: [{ VideoDetails: { WidthInPx: plan.thumbnails.width, HeightInPx: plan.thumbnails.height } }] }] : []),
];

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

const newJob = (request: unknown, plan: TranscodePlan, region: string): LocalJob => {
  const id = `${Date.now()}-${randomUUID().slice(0, 6)}`;
  const { settings, role, queue } = requestFieldsOf(request);
  return {
    id,
    arn: `arn:aws:mediaconvert:${region}:000000000000:jobs/${id}`,
    role,
    queue: queue ?? `arn:aws:mediaconvert:${region}:000000000000:queues/Default`,
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
  };
};

/** Answers for a job that has ended: `{ Job }` once COMPLETE, the job's own failure once ERROR. */
const outcomeOf = (job: LocalJob): unknown => {
  if (job.status === 'ERROR') throw new MediaConvertJobError(job.error?.code ?? 1999, job.error?.message ?? 'The job failed');
  if (job.status !== 'COMPLETE') throw new MediaConvertJobError(1999, `The job ${job.id} is ${job.status} in another process`);
  return { Job: completedJob(job) };
};

/** Jobs kept on disk when `dataDir` is given: loaded (and lost ones recovered) at creation, saved at each transition. */
const openJobs = (options: LocalMediaConvertOptions) => {
  const records = options.dataDir === undefined ? undefined : createJobRecords(join(options.dataDir, 'jobs'));
  const jobs = createJobStore(500, (id) => records?.remove(id));
  const runs = new Map<string, JobRun>();
  if (records !== undefined) {
    const recovered = recoverJobs(records);
    for (const record of recovered.records) jobs.add(record.job);
    if (recovered.lost.length > 0) {
      options.log?.(`MediaConvert: ${recovered.lost.length} job(s) lost with the last run marked ERROR; ended ${recovered.killedPids.length} orphaned ffmpeg process(es)`);
    }
  }
  const save = (job: LocalJob) => records?.save({ job, run: runs.get(job.id) ?? null });
  return { jobs, runs, save };
};

/**
 * The local MediaConvert: `createJob` is the backend of `mediaconvert:createJob(.sync)` in the local Step Functions.
 * It runs the job with real ffmpeg, writes renditions, the HLS master playlist, the DASH manifest and thumbnails to
 * the destination bucket, and resolves with `{ Job }` as GetJob describes a COMPLETE job; a failed job rejects with
 * `JobFailed`. Every job is kept in `jobs` with its status, phase and percentage (from ffmpeg's progress reports),
 * which GetJob and ListJobs answer from (api.ts); with `dataDir`, on disk too. `waitForJob` settles as the job
 * does (at once for a job that has ended, such as one lost with a previous process): what a `.sync` waiter that
 * resumes after a restart calls with the job id `onSubmitted` gave it.
 */
export const createLocalMediaConvertService = (options: LocalMediaConvertOptions) => {
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
  const envFailOnce = process.env.SHOWRUNNER_MEDIACONVERT_FAIL_ONCE_INPUTS;
  const failOnceInputs = options.failOnceInputs ?? (envFailOnce ? new RegExp(envFailOnce) : undefined);
  const failedOnce = new Set<string>();
  const { jobs, runs, save } = openJobs(options);
  const running = new Map<string, Promise<unknown>>();

  const execute = async (job: LocalJob, plan: TranscodePlan): Promise<void> => {
    if (failInputs?.test(plan.input.key)) throw new MediaConvertJobError(1040, `Injected failure for input ${plan.input.key} (fault injection)`);
    if (failOnceInputs?.test(plan.input.key) === true && !failedOnce.has(plan.input.key)) {
      failedOnce.add(plan.input.key);
      throw new MediaConvertJobError(1999, `Injected transient failure for input ${plan.input.key} (fault injection): try again`);
    }
    const root = await mkdtemp(join(tmpdir(), 'mediaconvert-'));
    const jobRun: JobRun = { ownerPid: process.pid, workDir: root, processes: [] };
    runs.set(job.id, jobRun);
    try {
      Object.assign(job, { status: 'PROGRESSING', currentPhase: 'PROBING', startedAt: new Date() });
      save(job);
      const paths = jobPaths(root, `source${extname(plan.input.key)}`);
      await download(s3, plan.input, paths.source);
      await downloadCaptions(s3, plan, paths);
      const progress = createJobProgress(await durationOf(paths.source), plan.renditions.map((r) => r.name), (percent) => {
        job.percentComplete = percent;
      });
      Object.assign(job, { currentPhase: 'TRANSCODING', percentComplete: 0 });
      save(job);
      const onSpawn = (pid: number) => {
        jobRun.processes.push({ pid, binary: ffmpegPath });
        save(job);
      };
      await runPlan(plan, paths, undefined, progress, onSpawn).catch((error: unknown) => {
        throw new MediaConvertJobError(1010, `Transcoding failed: ${error instanceof FfmpegError ? error.stderrTail : String(error)}`);
      });
      job.currentPhase = 'UPLOADING';
      save(job);
      await Promise.all([
        plan.hls ? uploadDir(s3, paths.hls, plan.hls.destination) : [],
        plan.dash ? uploadDir(s3, paths.dash, plan.dash.destination) : [],
        plan.cmaf ? uploadDir(s3, paths.cmaf, plan.cmaf.destination) : [],
        plan.thumbnails ? uploadDir(s3, paths.thumbnails, plan.thumbnails.destination) : [],
        uploadCaptions(s3, plan, paths),
      ]);
    } finally {
      await rm(root, { recursive: true, force: true });
      runs.delete(job.id);
    }
  };

  const settle = async (job: LocalJob, plan: TranscodePlan): Promise<unknown> => {
    try {
      await execute(job, plan);
      Object.assign(job, { status: 'COMPLETE', currentPhase: null, percentComplete: 100, finishedAt: new Date(), outputGroupDetails: outputGroupDetails(plan) });
    } catch (error) {
      const failure = error instanceof MediaConvertJobError ? error : new MediaConvertJobError(1999, String(error));
      Object.assign(job, { status: 'ERROR', currentPhase: null, finishedAt: new Date(), error: { code: failure.errorCode, message: failure.message } });
    } finally {
      save(job);
      running.delete(job.id);
    }
    return outcomeOf(job);
  };

  const createJob = async (request: unknown, hooks: { onSubmitted?: (job: { Id: string; Arn: string }) => void } = {}): Promise<unknown> => {
    const plan = planJob(request);
    const job = jobs.add(newJob(request, plan, options.region));
    save(job);
    hooks.onSubmitted?.({ Id: job.id, Arn: job.arn });
    const outcome = settle(job, plan);
    running.set(job.id, outcome);
    return outcome;
  };

  const waitForJob = async (id: string): Promise<unknown> => {
    const inFlight = running.get(id);
    if (inFlight !== undefined) return inFlight;
    const job = jobs.get(id);
    if (job === undefined) throw new MediaConvertJobError(1999, `The job ${id} does not exist.`);
    return outcomeOf(job);
  };

  return { jobs, createJob, waitForJob, stop: () => s3.destroy() };
};

/** The createJob backend alone, for a Step Functions service that needs nothing else of MediaConvert. */
export const createLocalMediaConvert = (options: LocalMediaConvertOptions) => createLocalMediaConvertService(options).createJob;
