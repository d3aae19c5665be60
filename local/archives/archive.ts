import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalArchive, LocalService } from '../config/model';
import type { EventBridgeEvent, LocalRule } from '../eventbridge/types';

/**
 * EventBridge archives, locally. On AWS an archive is a managed rule on its bus (`Events-Archive-<name>`) that
 * matches the archive's pattern (every event without one) and records what it matches; here the same rule runs
 * on the local bus and appends each matched event, as delivered, to `<data dir>/archives/<name>.jsonl`, which
 * survives restarts like the rest of the data. StartReplay is not offered: read the file instead.
 */
const archiveArnPrefix = (service: Pick<LocalService, 'region' | 'accountId'>) => `arn:aws:events:${service.region}:${service.accountId}:archive/`;

export const archiveFileOf = (dataDir: string, archiveName: string): string => join(dataDir, 'archives', `${archiveName}.jsonl`);

/** The managed rule of each archive: the archive's own pattern, or one every event on the bus matches. */
export const archiveRules = (service: Pick<LocalService, 'region' | 'accountId' | 'archives'>): LocalRule[] =>
  service.archives.map((archive: LocalArchive) => ({
    name: `Events-Archive-${archive.name}`,
    eventBusName: archive.eventBusName,
    // Every event on a bus carries the bus's account.
    eventPattern: archive.pattern ?? { account: [service.accountId] },
    targets: [{ id: `archive-${archive.name}`, arn: `${archiveArnPrefix(service)}${archive.name}` }],
  }));

/** The archive a rule target names, or undefined for any other target. */
export const archiveNameOfTarget = (service: Pick<LocalService, 'region' | 'accountId'>, targetArn: string): string | undefined =>
  targetArn.startsWith(archiveArnPrefix(service)) ? targetArn.slice(archiveArnPrefix(service).length) : undefined;

export const appendToArchive = (dataDir: string, archiveName: string, event: EventBridgeEvent): void => {
  mkdirSync(join(dataDir, 'archives'), { recursive: true });
  appendFileSync(archiveFileOf(dataDir, archiveName), `${JSON.stringify(event)}\n`);
};

/** Every event the archive recorded, oldest first. */
export const readArchive = (dataDir: string, archiveName: string): EventBridgeEvent[] => {
  const file = archiveFileOf(dataDir, archiveName);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as EventBridgeEvent);
};
