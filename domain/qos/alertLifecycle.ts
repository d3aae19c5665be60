import type { DomainEventOf } from '../../events/contract';
import { createEventRegistry } from '../../events/createRegistry';
import { qoeAlertRaised, qoeAlertResolved } from '../../events/playback';
import type { Decider } from '../decider';
import type { AlertRule } from './alerts';

/** The QoE alert events a stream `qos-alert#<rule>#<value>` holds. */
export const alertEventRegistry = createEventRegistry([qoeAlertRaised, qoeAlertResolved] as const);
export type AlertEvent = DomainEventOf<typeof qoeAlertRaised | typeof qoeAlertResolved>;

/** One alert is one stream: the rule and the show, country or CDN it watches. */
export const alertStreamCategory = 'qos-alert';
export const alertStreamId = (alertKey: string): string => `${alertStreamCategory}#${alertKey}`;

/** What an evaluation concluded; time comes on the command, as the domain has no clock. */
export type AlertCommand =
  | { readonly type: 'RaiseQoeAlert'; readonly rule: AlertRule; readonly dimensionValue: string; readonly value: number; readonly now: string }
  | { readonly type: 'ResolveQoeAlert'; readonly rule: AlertRule; readonly dimensionValue: string; readonly value: number; readonly now: string };

export interface AlertLifecycle {
  readonly status: 'open' | 'resolved';
  /** Events in the stream: the alert's version. */
  readonly transitions: number;
  /** The last transition's facts, for the read model. */
  readonly last?: AlertEvent['data'];
}

const dataOf = (command: AlertCommand, threshold: number): AlertEvent['data'] => ({
  ruleId: command.rule.id,
  metric: command.rule.metric,
  dimension: command.rule.dimension,
  dimensionValue: command.dimensionValue,
  value: command.value,
  threshold,
  windowMinutes: command.rule.windowMinutes,
});

/**
 * An alert's lifecycle: raised only when not open, resolved only when open. Anything else decides nothing, so two
 * evaluators that both concluded "raise" append one event between them (the second decides on the first's append,
 * which the conditional append made it read).
 */
export const alertDecider: Decider<AlertCommand, AlertEvent, AlertLifecycle> = {
  initialState: { status: 'resolved', transitions: 0 },
  decide: (command, state) => {
    switch (command.type) {
      case 'RaiseQoeAlert':
        return state.status === 'open' ? [] : [{ type: 'QoeAlertRaised', data: dataOf(command, command.rule.raiseAbove) }];
      case 'ResolveQoeAlert':
        return state.status !== 'open' ? [] : [{ type: 'QoeAlertResolved', data: dataOf(command, command.rule.clearBelow) }];
      default: {
        const exhaustive: never = command;
        return exhaustive;
      }
    }
  },
  evolve: (state, event) => ({ status: event.type === 'QoeAlertRaised' ? 'open' : 'resolved', transitions: state.transitions + 1, last: event.data }),
};
