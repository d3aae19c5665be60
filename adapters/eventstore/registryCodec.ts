import type { EventContract, DomainEventOf } from '../../events/contract';
import type { EventRegistry } from '../../events/createRegistry';
import type { EventCodec } from './eventCodec';

/**
 * The codec of an aggregate whose events are the `{ type, data }` pairs of a registry's contracts: encoding
 * validates against the current contract and stamps its version and context; decoding upcasts and validates.
 */
export const registryCodec = <TContract extends EventContract>(registry: EventRegistry<TContract>): EventCodec<DomainEventOf<TContract>> => {
  const contractOf = (type: string) => {
    const contract = registry.contracts.find((c) => c.type === type);
    if (contract === undefined) throw new Error(`no event contract is registered for ${type}`);
    return contract;
  };
  return {
    encode: (event) => {
      const contract = contractOf(event.type);
      const parsed = contract.schema.parse(event.data);
      return { type: event.type, schemaVersion: contract.schemaVersion, context: contract.context, data: parsed };
    },
    decode: (envelope) => {
      const decoded = registry.decode(envelope);
      // decode validated data against the contract of this very type, so the pair is a member of the union;
      // TypeScript cannot follow that correlation through the spread union.
      return { type: decoded.type, data: decoded.data } as DomainEventOf<TContract>;
    },
  };
};
