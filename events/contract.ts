import * as z from 'zod';
import type { BoundedContext, EventEnvelope } from './envelope';

/**
 * The data schema of an event: an object schema, which defineEvent also requires to be strict (made with
 * `z.strictObject`). An event with a field nobody declared is a contract nobody agreed to, so unknown keys
 * are refused on write and on read.
 */
export type EventDataSchema = z.ZodObject;

/**
 * Maps the data of schema version `fromVersion` to the shape of version `fromVersion + 1`. The old data is
 * validated against `schema` (the old version's schema, frozen forever) before `up` sees it, so an upcaster
 * never has to defend itself against garbage; its output is validated by the next step of the chain.
 */
export interface Upcaster<TFrom extends z.ZodType = z.ZodType> {
  readonly fromVersion: number;
  readonly schema: TFrom;
  readonly up: (data: z.output<TFrom>) => unknown;
}

/**
 * Declares one upcaster; a function (rather than an object literal) so `up` gets the old schema's type.
 *
 * @example
 * upcastFrom(1, showDraftedV1Schema, (v1) => ({ ...v1, language: 'und' }))
 */
export const upcastFrom = <TFrom extends z.ZodType>(
  fromVersion: number,
  schema: TFrom,
  up: (data: z.output<TFrom>) => unknown,
): Upcaster<TFrom> => ({ fromVersion, schema, up });

/** Everything a producer, a consumer and the schema registry need to know about one event type. */
export interface EventContract<TType extends string = string, TSchema extends EventDataSchema = EventDataSchema> {
  /** Past tense, PascalCase, never renamed: it is the EventBridge detail-type. */
  readonly type: TType;
  readonly context: BoundedContext;
  /** The version new events are written at, and that every older stored event is upcast to on read. */
  readonly schemaVersion: number;
  readonly schema: TSchema;
  /** One per older version, from 1 to schemaVersion - 1, in order. */
  readonly upcasters: readonly Upcaster[];
  readonly description: string;
}

/** A contract defined inconsistently: a bug in the contract module, reported when that module loads. */
export class InvalidEventContractError extends Error {
  constructor(type: string, problem: string) {
    super(`Event contract ${type} is invalid: ${problem}`);
    this.name = 'InvalidEventContractError';
  }
}

const pascalCase = /^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)*$/;

const checkUpcasterChain = (type: string, schemaVersion: number, upcasters: readonly Upcaster[]) => {
  const expected = Array.from({ length: schemaVersion - 1 }, (_, index) => index + 1);
  const actual = upcasters.map((upcaster) => upcaster.fromVersion);
  if (expected.join() !== actual.join()) {
    throw new InvalidEventContractError(
      type,
      `schema version ${schemaVersion} needs upcasters from versions [${expected.join(', ')}] in order, got [${actual.join(', ')}]`,
    );
  }
};

/**
 * Defines an event contract. Checks at load time what would otherwise surface as a corrupt read months
 * later: the name's form, a positive version, and an unbroken upcaster chain up to the current version.
 *
 * @example
 * export const showWithdrawn = defineEvent({
 *   type: 'ShowWithdrawn', context: 'catalog', schemaVersion: 1, description: '...',
 *   schema: z.strictObject({ showId: showIdSchema }),
 * });
 */
export const defineEvent = <const TType extends string, TSchema extends EventDataSchema>(definition: {
  type: TType;
  context: BoundedContext;
  schemaVersion: number;
  schema: TSchema;
  upcasters?: readonly Upcaster[];
  description: string;
}): EventContract<TType, TSchema> => {
  const { type, schemaVersion, upcasters = [] } = definition;
  if (!pascalCase.test(type)) throw new InvalidEventContractError(type, 'the name must be PascalCase, e.g. ShowDrafted');
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1) {
    throw new InvalidEventContractError(type, `schemaVersion must be a positive integer, got ${schemaVersion}`);
  }
  // The type system cannot tell z.object from z.strictObject (both are ZodObject), so check the catchall.
  if (definition.schema.def.catchall?._zod.def.type !== 'never') {
    throw new InvalidEventContractError(type, 'the data schema must be a z.strictObject, so unknown fields are refused');
  }
  checkUpcasterChain(type, schemaVersion, upcasters);
  return Object.freeze({ ...definition, upcasters });
};

/** The data of an event at its current schema version. */
export type EventDataOf<TContract> = TContract extends EventContract<string, infer TSchema> ? z.output<TSchema> : never;

/**
 * `{ type, data }` for each contract of a union: what a decider emits and folds. Distributes over the union
 * so `type` discriminates `data`.
 */
export type DomainEventOf<TContract> =
  TContract extends EventContract<infer TType, infer TSchema> ? { readonly type: TType; readonly data: z.output<TSchema> } : never;

/** The decoded envelope for each contract of a union, discriminated on `type`. */
export type EnvelopeOf<TContract> =
  TContract extends EventContract<infer TType, infer TSchema> ? EventEnvelope<TType, z.output<TSchema>> : never;
