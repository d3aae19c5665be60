/** A job as the local MediaConvert keeps it while it runs and after: what GetJob and ListJobs describe. */
export interface LocalJob {
  readonly id: string;
  readonly arn: string;
  readonly role: string;
  readonly queue: string;
  readonly settings: unknown;
  readonly userMetadata: Readonly<Record<string, string>>;
  readonly createdAt: Date;
  status: 'SUBMITTED' | 'PROGRESSING' | 'COMPLETE' | 'ERROR';
  /** MediaConvert's phases while PROGRESSING: the local run probes, transcodes, then uploads. */
  currentPhase: 'PROBING' | 'TRANSCODING' | 'UPLOADING' | null;
  percentComplete: number | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  outputGroupDetails: unknown[] | null;
  error: { readonly code: number; readonly message: string } | null;
}

export type JobStatus = LocalJob['status'];

/**
 * The jobs of this process, newest last, the oldest finished ones forgotten past `keep` (MediaConvert keeps a job's
 * record 90 days; a local run needs the recent ones only); `onForget` drops a forgotten job's record on disk.
 */
export const createJobStore = (keep = 500, onForget: (id: string) => void = () => undefined) => {
  const jobs = new Map<string, LocalJob>();
  return {
    add(job: LocalJob): LocalJob {
      jobs.set(job.id, job);
      for (const [id, old] of jobs) {
        if (jobs.size <= keep) break;
        if (old.status === 'COMPLETE' || old.status === 'ERROR') {
          jobs.delete(id);
          onForget(id);
        }
      }
      return job;
    },
    get: (id: string): LocalJob | undefined => jobs.get(id),
    /** Newest first unless `order` says ASCENDING, as ListJobs orders by creation time. */
    list(filter: { status?: JobStatus; queue?: string; order?: 'ASCENDING' | 'DESCENDING' }): LocalJob[] {
      const all = [...jobs.values()].filter((job) => (filter.status === undefined || job.status === filter.status) && (filter.queue === undefined || job.queue === filter.queue));
      return filter.order === 'ASCENDING' ? all : all.reverse();
    },
  };
};
export type JobStore = ReturnType<typeof createJobStore>;
