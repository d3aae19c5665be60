import { handleCommand, loadAggregate, registryCodec, type EventStore, type HandledCommand } from '../../adapters/eventstore';
import { userDecider, userEventRegistry, userStreamId, type UserCommand, type UserState } from '../../domain/accounts/user';
import { commandOf, type CommandOrigin } from '../runtime/commands';

const codec = registryCodec(userEventRegistry);

/** Users and their roles are event-sourced on `user#<sub>`, beside Cognito, which holds credentials and groups. */
export const executeUserCommand = (store: EventStore, command: UserCommand, context: CommandOrigin & { now: string }): Promise<HandledCommand> =>
  handleCommand({ store, decider: userDecider, codec, streamId: userStreamId(command.userId), ...commandOf('accounts', command, context, context.now) });

export const loadUser = async (store: EventStore, userId: string): Promise<UserState> =>
  (await loadAggregate({ store, decider: userDecider, codec, streamId: userStreamId(userId) })).state;
