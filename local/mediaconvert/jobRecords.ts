import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { LocalJob } from './jobs';

/**
 * What a running job leaves behind if its process dies: the process that ran it, its temp folder and every ffmpeg
 * it started (binary and pid), so the next start can tell the job was lost and clean up after it.
 */
export interface JobRun {
  readonly ownerPid: number;
  readonly workDir: string;
  readonly processes: { readonly pid: number; readonly binary: string }[];
}

export interface JobRecord {
  readonly job: LocalJob;
  readonly run: JobRun | null;
}

const date = z.iso.datetime().transform((value) => new Date(value));
const recordSchema = z.object({
  job: z.object({
    id: z.string(),
    arn: z.string(),
    role: z.string(),
    queue: z.string(),
    settings: z.unknown(),
    userMetadata: z.record(z.string(), z.string()),
    createdAt: date,
    status: z.enum(['SUBMITTED', 'PROGRESSING', 'COMPLETE', 'ERROR']),
    currentPhase: z.enum(['PROBING', 'TRANSCODING', 'UPLOADING']).nullable(),
    percentComplete: z.number().nullable(),
    startedAt: date.nullable(),
    finishedAt: date.nullable(),
    outputGroupDetails: z.array(z.unknown()).nullable(),
    error: z.object({ code: z.number(), message: z.string() }).nullable(),
  }),
  run: z.object({ ownerPid: z.number().int(), workDir: z.string(), processes: z.array(z.object({ pid: z.number().int(), binary: z.string() })) }).nullable(),
});

/** One JSON file per job under `dir`: written whole (temp file, then rename), so a crash never leaves half a record. */
export const createJobRecords = (dir: string) => {
  mkdirSync(dir, { recursive: true });
  const fileOf = (id: string) => join(dir, `${encodeURIComponent(id)}.json`);
  return {
    save(record: JobRecord): void {
      const file = fileOf(record.job.id);
      writeFileSync(`${file}.tmp`, JSON.stringify(record));
      renameSync(`${file}.tmp`, file);
    },
    remove: (id: string): void => rmSync(fileOf(id), { force: true }),
    /** Every readable record, oldest job first; an unreadable file (not ours, or damaged) is skipped. */
    load(): JobRecord[] {
      const records = readdirSync(dir)
        .filter((name) => name.endsWith('.json'))
        .flatMap((name) => {
          try {
            const parsed = recordSchema.safeParse(JSON.parse(readFileSync(join(dir, name), 'utf8')));
            return parsed.success ? [parsed.data as JobRecord] : [];
          } catch {
            return [];
          }
        });
      return records.sort((a, b) => a.job.createdAt.getTime() - b.job.createdAt.getTime());
    },
  };
};
export type JobRecords = ReturnType<typeof createJobRecords>;
