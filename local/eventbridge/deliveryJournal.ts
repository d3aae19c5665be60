import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeliveryJob } from './delivery';

/**
 * Where the local EventBridge keeps the deliveries it owes. On AWS an event PutEvents accepted reaches its targets
 * (retried for up to 24 hours) whatever happens to the caller; here the deliveries run in the same process as
 * everything else, so each one is written down before PutEvents answers and crossed out once it has settled.
 * A start after a crash (kill -9, power loss aside: the file is not fsynced) delivers what was still owed:
 * at least once, as on AWS, so a target may see an event twice and dedupes by its id.
 */
export interface DeliveryJournal {
  /** The deliveries owed when the journal was opened, oldest first, each with its journal id. */
  readonly owed: readonly DeliveryJob[];
  /** Writes the job down (synchronously: before the PutEvents answer); returns its journal id. */
  record(job: DeliveryJob): string;
  /** Crosses the job out: delivered, or given up after its retries as AWS gives up. */
  settle(id: string): void;
}

interface Entry {
  readonly id: string;
  readonly job?: DeliveryJob;
}

/** Lines that cannot be read (the last one, cut by a crash in mid-write) are skipped. */
const readEntries = (file: string): Entry[] =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line) => {
          try {
            return line.length === 0 ? [] : [JSON.parse(line) as Entry];
          } catch {
            return [];
          }
        })
    : [];

export const openDeliveryJournal = (dir: string): DeliveryJournal => {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'deliveries.jsonl');
  const owedById = new Map<string, DeliveryJob>();
  for (const entry of readEntries(file)) {
    if (entry.job === undefined) owedById.delete(entry.id);
    else owedById.set(entry.id, entry.job);
  }
  // Compacted at open: only what is still owed stays, written aside and renamed over, so a crash keeps one whole file.
  const compacted = [...owedById].map(([id, job]) => `${JSON.stringify({ id, job })}\n`).join('');
  writeFileSync(`${file}.tmp`, compacted);
  renameSync(`${file}.tmp`, file);
  const owed = [...owedById].map(([id, job]) => ({ ...job, journalId: id }));
  return {
    owed,
    record: ({ journalId: _unused, ...job }) => {
      const id = randomUUID();
      appendFileSync(file, `${JSON.stringify({ id, job })}\n`);
      return id;
    },
    settle: (id) => appendFileSync(file, `${JSON.stringify({ id })}\n`),
  };
};
