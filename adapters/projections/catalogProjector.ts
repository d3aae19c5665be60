import { isShowStream } from '../../domain/show';
import type { EventEnvelope } from '../../events/envelope';
import { applyShowEvents, type ApplyOutcome, type CatalogWriterDeps } from './catalogFold';
import { readGenerations, writeTargets } from './generations';

export const catalogProjection = 'catalog';

export interface ProjectedBatch {
  /** Streams whose events could not be applied (after the gate's own retries), with why. */
  readonly failedStreams: ReadonlyMap<string, unknown>;
  readonly outcomes: readonly ApplyOutcome[];
}


/**
 * Applies a batch of stored events to the catalogue: streams in parallel, each stream's events in one gated
 * write per generation (the live one and, during a rebuild, the one being built). A failed stream does not
 * hold the others back; the caller reports it so it is retried, and the gate makes the retry harmless.
 */
export const projectCatalogBatch = async (deps: CatalogWriterDeps, events: readonly EventEnvelope[]): Promise<ProjectedBatch> => {
  const byStream = new Map<string, EventEnvelope[]>();
  for (const event of events) {
    if (!isShowStream(event.streamId)) continue;
    byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event]);
  }
  if (byStream.size === 0) return { failedStreams: new Map(), outcomes: [] };
  const targets = writeTargets(await readGenerations(deps.db, deps.catalogTable, catalogProjection));
  const failedStreams = new Map<string, unknown>();
  const outcomes: ApplyOutcome[] = [];
  await Promise.all(
    [...byStream].map(async ([streamId, streamEvents]) => {
      try {
        for (const generation of targets) outcomes.push(await applyShowEvents(deps, generation, streamId, streamEvents));
      } catch (error) {
        failedStreams.set(streamId, error);
      }
    }),
  );
  return { failedStreams, outcomes };
};
