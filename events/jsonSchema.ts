import * as z from 'zod';
import type { EventContract } from './contract';
import { envelopeSchema } from './envelope';
import { allContracts } from './registry';

/** JSON Schema dialects worth emitting: EventBridge Schema Registry takes draft-04 (or OpenAPI 3). */
export type JsonSchemaTarget = 'draft-04' | 'draft-07' | 'draft-2020-12' | 'openapi-3.0';

export interface ContractJsonSchema {
  readonly type: string;
  readonly context: string;
  readonly schemaVersion: number;
  readonly description: string;
  /** The schema of `data` at the current version. */
  readonly dataSchema: Record<string, unknown>;
  /** The whole published event (the EventBridge `detail`): the envelope with this type's data. */
  readonly detailSchema: Record<string, unknown>;
}

/** The envelope narrowed to one contract: what a consumer of this detail-type receives. */
export const detailSchemaOf = (contract: EventContract) =>
  envelopeSchema.extend({
    type: z.literal(contract.type),
    context: z.literal(contract.context),
    schemaVersion: z.literal(contract.schemaVersion),
    data: contract.schema,
  });

// `io: 'input'` is what a producer must send; `unrepresentable: 'throw'` fails loudly rather than emit `{}`.
const toJsonSchema = (schema: z.ZodType, target: JsonSchemaTarget) =>
  z.toJSONSchema(schema, { target, io: 'input', unrepresentable: 'throw' });

export const contractToJsonSchema = (contract: EventContract, target: JsonSchemaTarget = 'draft-2020-12'): ContractJsonSchema => ({
  type: contract.type,
  context: contract.context,
  schemaVersion: contract.schemaVersion,
  description: contract.description,
  dataSchema: toJsonSchema(contract.schema, target),
  detailSchema: { ...toJsonSchema(detailSchemaOf(contract), target), title: contract.type, description: contract.description },
});

/** The JSON Schema of every registered contract, for `npm run contracts` and the schema registry. */
export const allContractJsonSchemas = (target: JsonSchemaTarget = 'draft-2020-12'): ContractJsonSchema[] =>
  allContracts.map((contract) => contractToJsonSchema(contract, target));
