import { handleCommand, loadAggregate, registryCodec, type EventStore, type HandledCommand } from '../../adapters/eventstore';
import { userDecider, userEventRegistry, userStreamId, type UserCommand, type UserState } from '../../domain/accounts/user';
import type { Actor } from '../../events/envelope';

const codec = registryCodec(userEventRegistry);

/** Users and their roles are event-sourced on `user#<sub>`, beside Cognito, which holds credentials and groups. */
export const executeUserCommand = (store: EventStore, command: UserCommand, context: { commandId: string; correlationId: string; actor: Actor; now: string }): Promise<HandledCommand> =>
  handleCommand({
    store,
    decider: userDecider,
    codec,
    streamId: userStreamId(command.userId),
    command,
    commandId: context.commandId,
    metadata: { context: 'accounts', occurredAt: context.now, correlationId: context.correlationId, actor: context.actor },
  });

export const loadUser = async (store: EventStore, userId: string): Promise<UserState> =>
  (await loadAggregate({ store, decider: userDecider, codec, streamId: userStreamId(userId) })).state;
