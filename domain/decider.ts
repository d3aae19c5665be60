/**
 * A decider is the whole behaviour of one kind of aggregate as pure functions: no I/O, no clock, no ids
 * made up inside. Time and ids arrive on the command, so the same command always decides the same events.
 */
export interface Decider<TCommand, TEvent, TState> {
  decide(command: TCommand, state: TState): readonly TEvent[];
  evolve(state: TState, event: TEvent): TState;
  readonly initialState: TState;
}

/**
 * A command the rules refuse. `code` is stable for clients; the message says what was wrong in words a
 * client developer can act on.
 */
export class CommandRefusedError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CommandRefusedError';
  }
}
