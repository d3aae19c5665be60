import type { z } from 'zod';
import type { DomainEventOf, EnvelopeOf, EventContract } from './contract';
import type { EventEnvelope } from './envelope';
import { CorruptEventError, InvalidNewEventError } from './errors';

/** The envelope fields the command handler supplies; type, context and schema version come from the contract. */
export type NewEventMetadata = Omit<EventEnvelope, 'type' | 'data' | 'context' | 'schemaVersion'>;

export interface EventRegistry<TContract extends EventContract> {
  readonly contracts: readonly TContract[];
  /** Upcasts and validates a stored event; throws CorruptEventError rather than passing bad data on. */
  decode(stored: EventEnvelope<string, unknown>): EnvelopeOf<TContract>;
  /** The envelope of a new event at its contract's current version; throws InvalidNewEventError on bad data. */
  encode<TEvent extends DomainEventOf<TContract>>(
    event: TEvent,
    metadata: NewEventMetadata,
  ): EventEnvelope<TEvent['type'], TEvent['data']>;
  has(type: string): boolean;
}

const upcast = (contract: EventContract, stored: EventEnvelope<string, unknown>): unknown => {
  let data = stored.data;
  for (const upcaster of contract.upcasters.slice(stored.schemaVersion - 1)) {
    const old = upcaster.schema.safeParse(data);
    if (!old.success) {
      throw new CorruptEventError(stored, `data does not match schema version ${upcaster.fromVersion}`, old.error.issues);
    }
    data = upcaster.up(old.data);
  }
  return data;
};

const indexByType = <TContract extends EventContract>(contracts: readonly TContract[]) => {
  const byType = new Map<string, TContract>();
  for (const contract of contracts) {
    if (byType.has(contract.type)) throw new Error(`Event type ${contract.type} is registered twice: names are unique.`);
    byType.set(contract.type, contract);
  }
  return byType;
};

/**
 * A registry over a set of contracts. One for every event (`events/registry.ts`), or a narrower one when a
 * reader must refuse anything else (a Show stream holds only Show events).
 */
export const createEventRegistry = <const TContract extends EventContract>(
  contracts: readonly TContract[],
): EventRegistry<TContract> => {
  const byType = indexByType(contracts);

  const decode = (stored: EventEnvelope<string, unknown>): EnvelopeOf<TContract> => {
    const contract = byType.get(stored.type);
    if (!contract) throw new CorruptEventError(stored, `unknown event type ${stored.type}`);
    if (stored.context !== contract.context) {
      throw new CorruptEventError(stored, `context ${stored.context} does not match the contract's ${contract.context}`);
    }
    if (!Number.isInteger(stored.schemaVersion) || stored.schemaVersion < 1 || stored.schemaVersion > contract.schemaVersion) {
      throw new CorruptEventError(
        stored,
        `schema version ${stored.schemaVersion} is not one this code reads (1..${contract.schemaVersion}); deploy the code that wrote it`,
      );
    }
    const current = contract.schema.safeParse(upcast(contract, stored));
    if (!current.success) {
      throw new CorruptEventError(stored, `data does not match schema version ${contract.schemaVersion}`, current.error.issues);
    }
    // The contract keyed by this type validated the data, so the pair is one member of the union.
    return { ...stored, schemaVersion: contract.schemaVersion, data: current.data } as EnvelopeOf<TContract>;
  };

  const encode = <TEvent extends DomainEventOf<TContract>>(event: TEvent, metadata: NewEventMetadata) => {
    const contract = byType.get(event.type);
    if (!contract) throw new InvalidNewEventError(event.type, 'no contract is registered for this type');
    const parsed = contract.schema.safeParse(event.data);
    if (!parsed.success) throw new InvalidNewEventError(event.type, 'its data breaks the contract', parsed.error.issues);
    return {
      ...metadata,
      type: event.type as TEvent['type'],
      context: contract.context,
      schemaVersion: contract.schemaVersion,
      data: parsed.data as z.output<typeof contract.schema> as TEvent['data'],
    };
  };

  return { contracts, decode, encode, has: (type) => byType.has(type) };
};
