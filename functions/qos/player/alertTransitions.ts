import { handleCommand, loadAggregate, registryCodec, type EventStore } from '../../../adapters/eventstore';
import { alertDecider, alertEventRegistry, alertKeyOf, alertStreamId, type AlertDecision, type AlertLifecycle, type AlertRule } from '../../../domain/qos';

const codec = registryCodec(alertEventRegistry);

/** An alert's state after a transition, with when it last changed (for the read model). */
export interface RecordedAlert {
  readonly state: AlertLifecycle;
  readonly changedAt: string;
}

/**
 * Records what an evaluation decided as a command on the alert's own stream in the event store: the conditional
 * append is the guard (of two evaluators that both decided to raise, the second decides again on the first's
 * append and adds nothing), and the outbox publisher is the only way the event reaches the bus. The command id is
 * the transition it was decided from, so a retried evaluation is recognised and appends nothing new. Answers the
 * stream's state afterwards, whoever appended, so the read model can follow it.
 */
export const recordAlertDecision = async (store: EventStore, rule: AlertRule, value: string, decision: AlertDecision, now: string, fromTransitions: number): Promise<RecordedAlert> => {
  const alertKey = alertKeyOf(rule, value);
  const streamId = alertStreamId(alertKey);
  const commandId = `${alertKey}#${fromTransitions + 1}`;
  const type = decision.type === 'QoeAlertRaised' ? 'RaiseQoeAlert' : 'ResolveQoeAlert';
  await handleCommand({
    store,
    decider: alertDecider,
    codec,
    streamId,
    command: { type, rule, dimensionValue: value, value: decision.value, now },
    commandId,
    metadata: { context: 'playback', occurredAt: now, correlationId: commandId, actor: { id: 'qos-alerts', kind: 'system' } },
  });
  const loaded = await loadAggregate({ store, decider: alertDecider, codec, streamId });
  return { state: loaded.state, changedAt: loaded.tail.at(-1)?.occurredAt ?? now };
};
