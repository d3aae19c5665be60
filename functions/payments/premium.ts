import { handleCommand, loadAggregate, registryCodec, type EventStore, type HandledCommand } from '../../adapters/eventstore';
import { evolvePremium, initialPremiumState, premiumDecider, premiumEventRegistry, premiumStreamId, type PremiumCommand, type PremiumState } from '../../domain/payments';
import { commandOf, type CommandOrigin } from '../runtime/commands';

const codec = registryCodec(premiumEventRegistry);

export type PremiumContext = CommandOrigin;

/**
 * The port every payment handler goes through: one user's premium stream, decided and appended with conflict
 * retries. A retried command id appends nothing new, which is what makes a replayed webhook or a double click safe.
 * No snapshots: these streams stay short, and the idempotency window is then the whole stream.
 */
export const executePremiumCommand = (store: EventStore, keySecret: string, command: PremiumCommand, context: PremiumContext): Promise<HandledCommand> =>
  handleCommand({ store, decider: premiumDecider({ keySecret }), codec, streamId: premiumStreamId(command.userId), ...commandOf('payments', command, context, command.now) });

export const loadPremium = async (store: EventStore, userId: string): Promise<PremiumState> =>
  (await loadAggregate({ store, decider: { evolve: evolvePremium, initialState: initialPremiumState }, codec, streamId: premiumStreamId(userId) })).state;
