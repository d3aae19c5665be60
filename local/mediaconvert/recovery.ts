import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import type { JobRecord, JobRecords, JobRun } from './jobRecords';

/** What GetJob says of a job whose process ended under it: the workflow's Catch records it, reprocess retries. */
export const lostJobMessage = 'The local MediaConvert stopped while this job ran (the stack was stopped or killed); reprocess the show.';
export const lostJobErrorCode = 1999;

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the pid runs, as another user's process.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The first word of a process's command line: /proc on Linux, `ps` elsewhere; undefined once it is gone. */
const programOf = (pid: number): string | undefined => {
  try {
    if (existsSync('/proc/self/cmdline')) return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0];
    return execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' }).trim().split(' ')[0];
  } catch {
    return undefined;
  }
};

/**
 * Ends the ffmpeg processes a lost job started and removes its temp folder. A pid is killed only while it still
 * runs the binary recorded for it: after a reboot the same number may belong to something else.
 */
export const cleanUpRun = (run: JobRun): number[] => {
  const killed = run.processes.filter(({ pid, binary }) => {
    if (programOf(pid) !== binary) return false;
    try {
      process.kill(pid, 'SIGKILL');
      return true;
    } catch {
      return false;
    }
  });
  rmSync(run.workDir, { recursive: true, force: true });
  return killed.map(({ pid }) => pid);
};

const unfinished = (record: JobRecord) => record.job.status === 'SUBMITTED' || record.job.status === 'PROGRESSING';

/**
 * At start: every job on disk that was running in a process that no longer runs is marked ERROR with a clear
 * message (the work cannot be resumed: its ffmpeg processes died with it or are ended here), its orphaned
 * processes are ended and its temp folder removed. Returns the records as they now are, oldest first.
 */
export const recoverJobs = (records: JobRecords, now: Date = new Date()): { records: JobRecord[]; lost: string[]; killedPids: number[] } => {
  const lost: string[] = [];
  const killedPids: number[] = [];
  const recovered = records.load().map((record): JobRecord => {
    const ownerGone = record.run === null || (record.run.ownerPid !== process.pid && !isRunning(record.run.ownerPid));
    if (!unfinished(record) || !ownerGone) return record;
    if (record.run !== null) killedPids.push(...cleanUpRun(record.run));
    lost.push(record.job.id);
    const next = { job: { ...record.job, status: 'ERROR' as const, currentPhase: null, finishedAt: now, error: { code: lostJobErrorCode, message: lostJobMessage } }, run: null };
    records.save(next);
    return next;
  });
  return { records: recovered, lost, killedPids };
};
