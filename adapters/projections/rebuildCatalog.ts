import type { EventStore } from '../eventstore';
import { showStreamCategory } from '../../domain/show';
import { catalogProjection } from './catalogProjector';
import { applyShowEvents, type CatalogWriterDeps } from './gatedApply';
import { startBuilding, switchTo } from './generations';

export interface RebuildReport {
  readonly generation: number;
  readonly streams: number;
}

/**
 * Rebuilds the catalogue from the event store (never from the 24 h stream) into a fresh generation, then
 * switches the API to it in one conditional write. Live projectors write to the new generation too while it
 * is built, through the same gate, so the switch loses nothing that happened during the rebuild.
 */
export const rebuildCatalog = async (
  deps: CatalogWriterDeps & { readonly store: Pick<EventStore, 'readStream' | 'listStreams'> },
  options: { readonly concurrency?: number } = {},
): Promise<RebuildReport> => {
  const generation = await startBuilding(deps.db, deps.catalogTable, catalogProjection);
  const concurrency = options.concurrency ?? 16;
  const inFlight = new Set<Promise<void>>();
  let streams = 0;
  for await (const { streamId } of deps.store.listStreams(showStreamCategory)) {
    streams += 1;
    const work = applyShowEvents(deps, generation, streamId, []).then(() => undefined);
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
    if (inFlight.size >= concurrency) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  await switchTo(deps.db, deps.catalogTable, catalogProjection, generation);
  return { generation, streams };
};
