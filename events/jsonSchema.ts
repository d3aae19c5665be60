import { z } from 'zod';
import type { EventContract } from './contract';
import { allContracts } from './registry';

/** JSON Schema dialects worth emitting: EventBridge Schema Registry takes draft-04 (or OpenAPI 3). */
export type JsonSchemaTarget = 'draft-04' | 'draft-07' | 'draft-2020-12' | 'openapi-3.0';

export interface ContractJsonSchema {
  readonly type: string;
  readonly context: string;
  readonly schemaVersion: number;
  readonly description: string;
  /** The schema of `data` at the current version; the envelope is described by envelopeSchema. */
  readonly dataSchema: Record<string, unknown>;
}

export const contractToJsonSchema = (contract: EventContract, target: JsonSchemaTarget = 'draft-2020-12'): ContractJsonSchema => ({
  type: contract.type,
  context: contract.context,
  schemaVersion: contract.schemaVersion,
  description: contract.description,
  // `io: 'input'` is what a producer must send; `unrepresentable: 'throw'` fails loudly rather than emit `{}`.
  dataSchema: z.toJSONSchema(contract.schema, { target, io: 'input', unrepresentable: 'throw' }),
});

/** The JSON Schema of every registered contract, for `npm run contracts` and the schema registry. */
export const allContractJsonSchemas = (target: JsonSchemaTarget = 'draft-2020-12'): ContractJsonSchema[] =>
  allContracts.map((contract) => contractToJsonSchema(contract, target));
