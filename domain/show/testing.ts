import { CommandRefusedError, type Decider } from '../decider';

/**
 * Given/when/then specifications for any decider: the given events are folded with evolve from the
 * initial state, the command is decided against that state, and the outcome is compared.
 *
 * @example
 * const { given } = deciderSpec(showDecider);
 * given([drafted]).when(requestUpload).then([uploadRequested]);
 * given([]).when(requestUpload).thenRefuses('SHOW_NOT_FOUND');
 */
export const deciderSpec = <TCommand, TEvent, TState>(decider: Decider<TCommand, TEvent, TState>) => ({
  given: (events: readonly TEvent[]) => {
    const state = events.reduce((current, event) => decider.evolve(current, event), decider.initialState);
    return {
      when: (command: TCommand) => ({
        /** The command is accepted and decides exactly these events, in this order. */
        then: (expected: readonly TEvent[]) => {
          expect(decider.decide(command, state)).toEqual(expected);
        },
        /** The command is refused with this stable code (and, if given, a message containing this text). */
        thenRefuses: (code: string, messageContains?: string) => {
          let refusal: unknown;
          try {
            const events = decider.decide(command, state);
            refusal = new Error(`expected refusal ${code}, but the command decided ${JSON.stringify(events)}`);
          } catch (error) {
            refusal = error;
          }
          if (!(refusal instanceof CommandRefusedError)) throw refusal;
          expect(refusal.code).toBe(code);
          if (messageContains !== undefined) expect(refusal.message).toContain(messageContains);
        },
      }),
      /** The state the given events fold into, for assertions on what read paths see. */
      state: () => state,
    };
  },
});
