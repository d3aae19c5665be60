import { createHash } from 'node:crypto';
import { closeSync, fdatasyncSync, mkdirSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { HistoryEvent } from './history';

/**
 * One line of an execution's journal. The journal is append-only JSON lines, one file per execution, each line
 * written and fsynced before the service acts on it: a `kill -9` at any moment leaves every line but perhaps a torn
 * last one, which the loader skips (what it held was never acknowledged).
 */
export type JournalEntry =
  | { t: 'start'; executionArn: string; stateMachineArn: string; name: string; startDate: string; input: string }
  | { t: 'event'; event: HistoryEvent }
  | { t: 'token'; state: string; token: string }
  | { t: 'heartbeat'; token: string; at: string }
  | { t: 'end'; status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED'; stopDate: string; output?: string; error?: string; cause?: string };

const historyEventSchema = z
  .object({ id: z.number(), previousEventId: z.number(), timestamp: z.coerce.date(), type: z.string() })
  .catchall(z.record(z.string(), z.unknown()));

const entrySchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('start'), executionArn: z.string(), stateMachineArn: z.string(), name: z.string(), startDate: z.string(), input: z.string() }),
  z.object({ t: z.literal('event'), event: historyEventSchema }),
  z.object({ t: z.literal('token'), state: z.string(), token: z.string() }),
  z.object({ t: z.literal('heartbeat'), token: z.string(), at: z.string() }),
  z.object({
    t: z.literal('end'),
    status: z.enum(['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED']),
    stopDate: z.string(),
    output: z.string().optional(),
    error: z.string().optional(),
    cause: z.string().optional(),
  }),
]);

export interface ExecutionJournal {
  append(entry: JournalEntry): void;
  close(): void;
}

/** What one execution's journal holds, in order. */
export interface JournalContents {
  start: Extract<JournalEntry, { t: 'start' }>;
  entries: JournalEntry[];
}

export interface ExecutionJournals {
  /** Opens the journal of a new execution (its first line is `start`). */
  create(start: Extract<JournalEntry, { t: 'start' }>): ExecutionJournal;
  /** Reopens an existing execution's journal to append to it. */
  reopen(executionArn: string): ExecutionJournal;
  /** Every execution on disk, oldest first. */
  load(): JournalContents[];
}

const fileNameOf = (executionArn: string): string => `${createHash('sha256').update(executionArn).digest('hex').slice(0, 40)}.jsonl`;

const openJournal = (path: string): ExecutionJournal => {
  const fd = openSync(path, 'a');
  let open = true;
  return {
    append(entry) {
      if (!open) return;
      writeSync(fd, `${JSON.stringify(entry)}\n`);
      fdatasyncSync(fd);
    },
    close() {
      if (!open) return;
      open = false;
      closeSync(fd);
    },
  };
};

const parseLines = (text: string): JournalEntry[] => {
  const entries: JournalEntry[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      break; // a torn last line: everything before it stands
    }
    const parsed = entrySchema.safeParse(raw);
    if (!parsed.success) break;
    entries.push(parsed.data as JournalEntry);
  }
  return entries;
};

/** Journals under `dir` (created if missing): the durable record of every execution of the local Step Functions. */
export const executionJournals = (dir: string): ExecutionJournals => {
  mkdirSync(dir, { recursive: true });
  return {
    create(start) {
      const journal = openJournal(join(dir, fileNameOf(start.executionArn)));
      journal.append(start);
      return journal;
    },
    reopen: (executionArn) => openJournal(join(dir, fileNameOf(executionArn))),
    load() {
      const all: JournalContents[] = [];
      for (const file of readdirSync(dir).filter((name) => name.endsWith('.jsonl'))) {
        const entries = parseLines(readFileSync(join(dir, file), 'utf8'));
        const start = entries[0];
        if (start?.t === 'start') all.push({ start, entries });
      }
      return all.sort((a, b) => a.start.startDate.localeCompare(b.start.startDate));
    },
  };
};
