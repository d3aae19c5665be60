import type { Actor, BoundedContext } from '../../events/envelope';

/** Who asked for a command and on whose behalf: what every appended event of it records. */
export interface CommandOrigin {
  /** Stable per intent: a retried request or delivery carries the same id and appends nothing new. */
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId?: string;
  readonly actor: Actor;
}

/** The command, its id and the metadata of its events, as `handleCommand` takes them, for one bounded context. */
export const commandOf = <TCommand>(context: BoundedContext, command: TCommand, origin: CommandOrigin, occurredAt: string) => ({
  command,
  commandId: origin.commandId,
  metadata: {
    context,
    occurredAt,
    correlationId: origin.correlationId,
    ...(origin.causationId === undefined ? {} : { causationId: origin.causationId }),
    actor: origin.actor,
  },
});
