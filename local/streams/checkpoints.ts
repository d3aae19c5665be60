import { mkdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

/** Where a subscription has got to in each shard, so a restarted stack resumes instead of replaying. */
export interface CheckpointStore {
  get(key: string): string | undefined;
  set(key: string, sequenceNumber: string): void;
}

export const inMemoryCheckpoints = (): CheckpointStore => {
  const positions = new Map<string, string>();
  return { get: (key) => positions.get(key), set: (key, value) => void positions.set(key, value) };
};

const fileSchema = z.record(z.string(), z.string());

/** A JSON file written atomically (rename), so a crash mid-write leaves the previous checkpoint intact. */
export const fileCheckpoints = (path: string): CheckpointStore => {
  let positions: Record<string, string> = {};
  try {
    positions = fileSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`stream checkpoints at ${path} are unreadable: ${String(error)}`, { cause: error });
  }
  mkdirSync(dirname(path), { recursive: true });
  return {
    get: (key) => positions[key],
    set: (key, value) => {
      positions = { ...positions, [key]: value };
      writeFileSync(`${path}.tmp`, JSON.stringify(positions, null, 2));
      renameSync(`${path}.tmp`, path);
    },
  };
};
