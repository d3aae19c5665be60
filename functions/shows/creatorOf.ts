import type { EventStore } from '../../adapters/eventstore';
import { showStreamId } from '../../domain/show';

/**
 * Who drafted the show: the actor of its first event. Read from the store, not the catalogue, so a creator may act
 * on a show the read model has not caught up with yet. Undefined for a show that does not exist.
 */
export const creatorOf = async (store: Pick<EventStore, 'readStream'>, showId: string): Promise<string | undefined> =>
  creatorIn((await store.readStream(showStreamId(showId))).events);

/** Who drafted the show, from its stream's events already read: the actor of the first. */
export const creatorIn = (events: readonly { readonly version: number; readonly actor: { readonly id: string } }[]): string | undefined =>
  events.find((event) => event.version === 1)?.actor.id;
