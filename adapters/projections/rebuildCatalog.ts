import { randomUUID } from 'node:crypto';
import { showStreamCategory } from '../../domain/show';
import type { EventStore } from '../eventstore';
import { applyShowEvents, type CatalogWriterDeps } from './catalogFold';
import { catalogProjection } from './catalogProjector';
import { switchTo } from './generations';
import { pruneOldGenerations, type PruneReport } from './pruneGenerations';
import { claimBuild, orderedProgress, releaseClaim, saveCheckpoint } from './rebuildRun';

export interface RebuildReport {
  readonly generation: number;
  /** Streams rebuilt by this run (after the checkpoint, when it resumed an interrupted run). */
  readonly streams: number;
  /** The checkpoint this run resumed from, when it took over an interrupted run. */
  readonly resumedAfter?: string;
  readonly prune: PruneReport;
}

export interface RebuildOptions {
  readonly concurrency?: number;
  /** A checkpoint is written after this many more streams are done, or after `checkpointEveryMs`, whichever first. */
  readonly checkpointEvery?: number;
  readonly checkpointEveryMs?: number;
  /** The clock of leases and pruning (tests move it). */
  readonly now?: () => number;
  readonly runId?: string;
}

// A resumed run lists only the streams started after its checkpoint.
const resumingAfter = (resumeAfter: string | undefined) => (resumeAfter === undefined ? {} : { startedAfter: resumeAfter });

// How many streams are rebuilt at once, and how often (streams done or milliseconds) a checkpoint is written.
const pacingOf = (options: RebuildOptions) => ({
  concurrency: options.concurrency ?? 16,
  every: options.checkpointEvery ?? 200,
  everyMs: options.checkpointEveryMs ?? 2000,
});

/**
 * Rebuilds the catalogue from the event store (never from the 24 h stream) into a fresh generation, then
 * switches the API to it in one conditional write and deletes the generations older than the one it replaced.
 * Live projectors write to the new generation too while it is built, through the same gate, so the switch loses
 * nothing that happened during the rebuild. A run that is killed leaves a checkpoint; the next run resumes after
 * it (see rebuildRun.ts), redoing at most the streams that were in flight.
 */
export const rebuildCatalog = async (
  deps: CatalogWriterDeps & { readonly store: Pick<EventStore, 'readStream' | 'listStreams'> },
  options: RebuildOptions = {},
): Promise<RebuildReport> => {
  const now = options.now ?? (() => Date.now());
  const claim = await claimBuild(deps.db, deps.catalogTable, catalogProjection, options.runId ?? randomUUID(), now());
  const { concurrency, every, everyMs } = pacingOf(options);
  const progress = orderedProgress();
  const inFlight = new Set<Promise<void>>();
  let streams = 0;
  let sinceCheckpoint = 0;
  let lastCheckpointAt = now();
  let checkpointing: Promise<void> = Promise.resolve();
  let failure: { error: unknown } | undefined;
  const maybeCheckpoint = () => {
    if (sinceCheckpoint < every && now() - lastCheckpointAt < everyMs) return;
    sinceCheckpoint = 0;
    lastCheckpointAt = now();
    // One checkpoint write at a time, in order, so a later position is never overwritten by an earlier one.
    checkpointing = checkpointing.then(() => saveCheckpoint(deps.db, deps.catalogTable, claim, progress.reached(), now()));
  };
  try {
    const listing = deps.store.listStreams(showStreamCategory, resumingAfter(claim.resumeAfter));
    for await (const { streamId, startedAt } of listing) {
      streams += 1;
      progress.listed(startedAt);
      const work = applyShowEvents(deps, claim.generation, streamId, []).then(
        () => {
          progress.done(startedAt);
          sinceCheckpoint += 1;
          maybeCheckpoint();
        },
        // Kept, not thrown here: a stream that failed must stop the run even if nothing awaits its promise.
        (error: unknown) => void (failure ??= { error }),
      );
      inFlight.add(work);
      void work.finally(() => inFlight.delete(work));
      if (inFlight.size >= concurrency) await Promise.race(inFlight);
      if (failure !== undefined) throw failure.error;
      await checkpointing;
    }
    await Promise.all(inFlight);
    if (failure !== undefined) throw failure.error;
    await checkpointing;
  } catch (error) {
    await Promise.allSettled(inFlight);
    await checkpointing.catch(() => undefined);
    // What is done is recorded, and the next run may resume at once.
    await saveCheckpoint(deps.db, deps.catalogTable, claim, progress.reached(), now()).catch(() => undefined);
    await releaseClaim(deps.db, deps.catalogTable, claim);
    throw error;
  }
  await switchTo(deps.db, deps.catalogTable, catalogProjection, claim.generation, { runId: claim.runId, at: now() });
  const prune = await pruneOldGenerations(deps, catalogProjection, showStreamCategory, now());
  return { generation: claim.generation, streams, ...(claim.resumeAfter === undefined ? {} : { resumedAfter: claim.resumeAfter }), prune };
};
