import { EntryCache, projectCatalogBatch } from '../../adapters/projections';
import { failedGroups, processStream, storedEvents } from '../../adapters/streams';
import { streamReporting } from '../runtime/streamReporting';
import { catalogDeps } from './deps';

const deps = catalogDeps();
const writer = { db: deps.db, catalogTable: deps.tables.catalog, store: deps.store, entryCache: new EntryCache() };

/**
 * The catalogue projection, on its own subscription to the events table's stream (not the bus): one hop
 * less lag, no dependence on the publisher, and records in order per stream. Streams that fail are reported
 * from their first record; Lambda re-delivers from there and the version gate acknowledges what was done.
 */
export const handler = (event: unknown) =>
  processStream(event, {
    ...storedEvents,
    name: 'catalogue projection',
    ...streamReporting,
    process: async (groups) => {
      const { failedStreams } = await projectCatalogBatch(writer, [...groups.values()].flat().map((unit) => unit.value));
      return failedGroups(groups, failedStreams);
    },
  });
