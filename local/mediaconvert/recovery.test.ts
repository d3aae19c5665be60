import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetJobCommand, ListJobsCommand, MediaConvertClient } from '@aws-sdk/client-mediaconvert';
import { startMediaConvertApi } from './api';
import { createJobRecords, type JobRecord } from './jobRecords';
import { lostJobMessage } from './recovery';
import { progressingJob } from './testing/progressingJob';
import { createLocalMediaConvertService } from './transcoder';


/** The pid of a process that has ended. */
const deadPid = (): number => {
  const ended = spawnSync('true');
  if (ended.pid === undefined) throw new Error('could not spawn true');
  return ended.pid;
};

const exited = (child: ChildProcess) =>
  new Promise<NodeJS.Signals | null>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(child.signalCode) : child.once('exit', (_code, signal) => resolve(signal))));

describe('the local MediaConvert after its process was killed mid-job', () => {
  const root = mkdtempSync(join(tmpdir(), 'mc-recovery-'));
  const dataDir = join(root, 'data');
  // A stand-in for ffmpeg: `sleep` started under the recorded binary's path, as the transcoder starts ffmpeg.
  const fakeFfmpeg = join(root, 'ffmpeg');
  symlinkSync('/usr/bin/sleep', fakeFfmpeg);
  const workDir = join(root, 'mediaconvert-work');
  const children: ChildProcess[] = [];
  let orphan: ChildProcess;
  let stranger: ChildProcess;
  let service: ReturnType<typeof createLocalMediaConvertService>;
  let api: Awaited<ReturnType<typeof startMediaConvertApi>>;
  let client: MediaConvertClient;

  beforeAll(async () => {
    mkdirSync(join(workDir, 'hls'), { recursive: true });
    writeFileSync(join(workDir, 'source.mp4'), 'partial');
    orphan = spawn(fakeFfmpeg, ['300'], { stdio: 'ignore' });
    // A process whose pid was recorded but which runs another program now: never killed.
    stranger = spawn('/usr/bin/sleep', ['300'], { stdio: 'ignore' });
    children.push(orphan, stranger);
    const records = createJobRecords(join(dataDir, 'jobs'));
    const lost: JobRecord = {
      job: progressingJob('lost'),
      run: { ownerPid: deadPid(), workDir, processes: [{ pid: orphan.pid ?? -1, binary: fakeFfmpeg }, { pid: stranger.pid ?? -1, binary: fakeFfmpeg }] },
    };
    records.save(lost);
    records.save({ job: progressingJob('done', { status: 'COMPLETE', currentPhase: null, percentComplete: 100, finishedAt: new Date('2026-03-01T10:02:00Z'), createdAt: new Date('2026-03-01T09:00:00Z') }), run: null });

    service = createLocalMediaConvertService({ s3Endpoint: 'http://127.0.0.1:1', region: 'eu-west-1', dataDir });
    api = await startMediaConvertApi(service.jobs);
    client = new MediaConvertClient({ endpoint: api.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    client.destroy();
    service.stop();
    await api.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('reports a job that was running in a process that no longer runs as ERROR, saying why', async () => {
    const { Job } = await client.send(new GetJobCommand({ Id: 'lost' }));
    expect(Job).toMatchObject({ Status: 'ERROR', ErrorCode: 1999, ErrorMessage: lostJobMessage });
    expect(Job?.JobPercentComplete).toBeUndefined();
    const progressing = await client.send(new ListJobsCommand({ Status: 'PROGRESSING' }));
    expect(progressing.Jobs).toEqual([]);
  });

  it('keeps the jobs that had ended, as they ended', async () => {
    const { Job } = await client.send(new GetJobCommand({ Id: 'done' }));
    expect(Job?.Status).toBe('COMPLETE');
    const all = await client.send(new ListJobsCommand({ Order: 'ASCENDING' }));
    expect(all.Jobs?.map((j) => j.Id)).toEqual(['done', 'lost']);
  });

  it("gives a waiter the lost job's failure", async () => {
    await expect(service.waitForJob('lost')).rejects.toMatchObject({ name: 'JobFailed', message: lostJobMessage });
    await expect(service.waitForJob('done')).resolves.toMatchObject({ Job: { Id: 'done', Status: 'COMPLETE' } });
  });

  it("removes the lost job's temp folder", () => {
    expect(existsSync(workDir)).toBe(false);
  });

  it("ends the orphaned process still running the recorded binary, and only that one", async () => {
    expect(await Promise.race([exited(orphan), new Promise((resolve) => setTimeout(() => resolve('still running'), 5_000).unref())])).toBe('SIGKILL');
    expect(stranger.exitCode).toBeNull();
    expect(stranger.signalCode).toBeNull();
  });

  it('has written the recovery to disk: the next start reads ERROR without recovering again', () => {
    const again = createJobRecords(join(dataDir, 'jobs')).load();
    expect(again.map((r) => [r.job.id, r.job.status, r.run])).toEqual([
      ['done', 'COMPLETE', null],
      ['lost', 'ERROR', null],
    ]);
  });
});
