import * as z from 'zod';
import { CommandRefusedError, type Decider } from '../../../domain/decider';
import type { EventCodec } from '../eventCodec';
import type { CommandMetadata } from '../handleCommand';

/** A deliberately tiny aggregate for the store's tests: the store must not know any real domain. */
export type CounterCommand = { readonly type: 'add'; readonly times: number } | { readonly type: 'reset' };
export type CounterEvent = { readonly type: 'Incremented' } | { readonly type: 'Reset'; readonly from: number };
export interface CounterState {
  readonly count: number;
}

export const counterDecider: Decider<CounterCommand, CounterEvent, CounterState> = {
  initialState: { count: 0 },
  decide: (command, state) => {
    if (command.type === 'reset') {
      if (state.count === 0) throw new CommandRefusedError('already-zero', 'The counter is already at zero.');
      return [{ type: 'Reset', from: state.count }];
    }
    return Array.from({ length: command.times }, () => ({ type: 'Incremented' as const }));
  },
  evolve: (state, event) => (event.type === 'Incremented' ? { count: state.count + 1 } : { count: 0 }),
};

const resetData = z.strictObject({ from: z.number().int() });

export const counterCodec: EventCodec<CounterEvent> = {
  encode: (event) => (event.type === 'Reset' ? { type: 'Reset', schemaVersion: 1, data: { from: event.from } } : { type: event.type, schemaVersion: 1, data: {} }),
  decode: (envelope) => (envelope.type === 'Reset' ? { type: 'Reset', from: resetData.parse(envelope.data).from } : { type: 'Incremented' }),
};

export const counterStateSchema = z.strictObject({ count: z.number().int() });

export const counterMetadata: CommandMetadata = {
  context: 'catalog',
  occurredAt: '2026-01-01T00:00:00.000Z',
  correlationId: 'correlation-1',
  actor: { id: 'tester', kind: 'user' },
};
