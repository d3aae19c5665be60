import type { PremiumEvent } from './events';
import type { PremiumState } from './state';

/** Folds one event into the state; total, so any stream the decider could have written replays. */
export const evolvePremium = (state: PremiumState, event: PremiumEvent): PremiumState => {
  switch (event.type) {
    case 'PremiumOrderCreated': {
      const { orderId, months, amount, currency } = event.data;
      return { ...state, userId: event.data.userId, orders: { ...state.orders, [orderId]: { months, amount, currency, paidBy: null } } };
    }
    case 'PaymentCaptured': {
      const { orderId, paymentId } = event.data;
      const order = state.orders[orderId];
      return {
        ...state,
        orders: order === undefined ? state.orders : { ...state.orders, [orderId]: { ...order, paidBy: paymentId } },
        payments: { ...state.payments, [paymentId]: { orderId, status: 'captured', amount: event.data.amount, refunded: 0, refundIds: [] } },
      };
    }
    case 'SubscriptionExtended': {
      const { paymentId, startsAt, endsAt } = event.data;
      return { ...state, periods: [...state.periods, { paymentId, startsAt, endsAt }], endsAt };
    }
    case 'PaymentFailed':
      return { ...state, payments: { ...state.payments, [event.data.paymentId]: { orderId: event.data.orderId, status: 'failed', amount: 0, refunded: 0, refundIds: [] } } };
    case 'PaymentRefunded': {
      const { orderId, paymentId, refundId, amount } = event.data;
      // A refund seen before its capture (out of order) still ends the payment: what it would buy is refunded.
      const known = state.payments[paymentId] ?? { orderId, status: 'captured' as const, amount, refunded: 0, refundIds: [] };
      const refunded = known.refunded + amount;
      const status = refunded >= known.amount ? 'refunded' : known.status;
      return { ...state, payments: { ...state.payments, [paymentId]: { ...known, status, refunded, refundIds: [...known.refundIds, refundId] } } };
    }
    case 'SubscriptionShortened': {
      return { ...state, periods: shortenedPeriods(state, event.data.paymentId, event.data.endsAt), endsAt: event.data.endsAt };
    }
  }
};

/**
 * The refunded payment's period loses the time taken off (all of what was left for a full refund, a share for a
 * partial one); periods stacked after it move earlier by as much, so the subscription ends at `endsAt` with no gap.
 */
const shortenedPeriods = (state: PremiumState, paymentId: string, endsAt: string): PremiumState['periods'] => {
  const removedMs = state.endsAt === null ? 0 : Date.parse(state.endsAt) - Date.parse(endsAt);
  const index = state.periods.findIndex((period) => period.paymentId === paymentId);
  if (index < 0) return state.periods;
  const shift = (iso: string) => new Date(Date.parse(iso) - removedMs).toISOString();
  return state.periods.flatMap((period, i) => {
    if (i < index) return [period];
    if (i === index) {
      const cut = new Date(Date.parse(period.endsAt) - removedMs).toISOString();
      return cut > period.startsAt ? [{ ...period, endsAt: cut }] : [];
    }
    return [{ ...period, startsAt: shift(period.startsAt), endsAt: shift(period.endsAt) }];
  });
};
