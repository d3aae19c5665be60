import { CommandRefusedError, type Decider } from '../decider';
import type { ConfirmPayment, PremiumCommand, RecordCapture, RecordFailure, RecordRefund } from './commands';
import type { PremiumEvent } from './events';
import { evolvePremium } from './evolve';
import { addMonths } from './plans';
import { premiumRefusalCodes as codes } from './refusals';
import { paymentSignatureValid } from './signature';
import { initialPremiumState, type PremiumState } from './state';

export interface PremiumDeciderConfig {
  /** The gateway's key secret: checkout signatures are HMACs with it. */
  readonly keySecret: string;
}

const iso = (value: string) => new Date(value).toISOString();

const orderOf = (state: PremiumState, orderId: string) => {
  const order = state.orders[orderId];
  // Another user's order is not in this user's stream: to this user it does not exist.
  if (order === undefined) throw new CommandRefusedError(codes.orderNotFound, `you have no order ${orderId}; create one with POST /premium/orders`);
  return order;
};

/** A verified payment of an order: recorded once, and it buys its months from the later of now and the current end. */
const capture = (state: PremiumState, command: ConfirmPayment | RecordCapture, amount: number, currency: string, via: 'checkout' | 'webhook'): PremiumEvent[] => {
  const order = orderOf(state, command.orderId);
  const known = state.payments[command.paymentId];
  if (known?.status === 'captured') return []; // confirmed twice, or checkout and webhook both: it counts once
  if (known?.status === 'refunded') throw new CommandRefusedError(codes.paymentRefunded, `payment ${command.paymentId} was refunded; it buys nothing`);
  if (order.paidBy !== null) throw new CommandRefusedError(codes.orderAlreadyPaid, `order ${command.orderId} is already paid by ${order.paidBy}`);
  if (amount !== order.amount || currency !== order.currency)
    throw new CommandRefusedError(codes.amountMismatch, `the payment is ${amount} ${currency}, the order is ${order.amount} ${order.currency}`);
  const now = iso(command.now);
  const startsAt = state.endsAt !== null && state.endsAt > now ? state.endsAt : now;
  const { userId, orderId, paymentId } = command;
  return [
    { type: 'PaymentCaptured', data: { userId, orderId, paymentId, amount, currency, via } },
    { type: 'SubscriptionExtended', data: { userId, orderId, paymentId, startsAt, endsAt: addMonths(startsAt, order.months) } },
  ];
};

const fail = (state: PremiumState, command: RecordFailure): PremiumEvent[] => {
  orderOf(state, command.orderId);
  // Out of order: a failure reported after the capture (or twice) changes nothing.
  if (state.payments[command.paymentId] !== undefined) return [];
  const { userId, orderId, paymentId, reason } = command;
  return [{ type: 'PaymentFailed', data: { userId, orderId, paymentId, reason } }];
};

/**
 * A refund takes back what the money returned had bought. A full refund ends the payment's period from now on; a
 * partial one shortens what the period still had to give in proportion to the money returned, out of what was not
 * yet returned (half of a payment refunded: half of its remaining days go; the other half refunded later: the rest).
 * Each refund id counts once; a refund larger than what is left counts as the rest.
 */
const refund = (state: PremiumState, command: RecordRefund): PremiumEvent[] => {
  orderOf(state, command.orderId);
  const known = state.payments[command.paymentId];
  if (known?.status === 'refunded' || known?.refundIds.includes(command.refundId) === true) return [];
  const { userId, orderId, paymentId, refundId, amount } = command;
  const refunded: PremiumEvent = { type: 'PaymentRefunded', data: { userId, orderId, paymentId, refundId, amount } };
  const period = state.periods.find((p) => p.paymentId === paymentId);
  if (known === undefined || period === undefined || state.endsAt === null) return [refunded];
  const now = Date.parse(iso(command.now));
  const unusedMs = Math.max(0, Date.parse(period.endsAt) - Math.max(Date.parse(period.startsAt), now));
  const outstanding = known.amount - known.refunded;
  const share = outstanding <= 0 ? 1 : Math.min(1, amount / outstanding);
  const cutMs = Math.floor(unusedMs * share);
  if (cutMs === 0) return [refunded];
  const endsAt = new Date(Date.parse(state.endsAt) - cutMs).toISOString();
  return [refunded, { type: 'SubscriptionShortened', data: { userId, paymentId, endsAt } }];
};

export const decidePremium = (config: PremiumDeciderConfig) => (command: PremiumCommand, state: PremiumState): PremiumEvent[] => {
  switch (command.kind) {
    case 'RecordOrder': {
      if (state.orders[command.orderId] !== undefined) return [];
      const { userId, orderId, months, amount, currency, receipt } = command;
      return [{ type: 'PremiumOrderCreated', data: { userId, orderId, months, amount, currency, receipt } }];
    }
    case 'ConfirmPayment': {
      const order = orderOf(state, command.orderId);
      // The order id is the one stored for this user (found above), so a signature for any other order fails here.
      if (!paymentSignatureValid({ keySecret: config.keySecret, orderId: command.orderId, paymentId: command.paymentId, signature: command.signature }))
        throw new CommandRefusedError(codes.signatureInvalid, 'the payment signature does not match this order and payment');
      return capture(state, command, order.amount, order.currency, 'checkout');
    }
    case 'RecordCapture':
      return capture(state, command, command.amount, command.currency, 'webhook');
    case 'RecordFailure':
      return fail(state, command);
    case 'RecordRefund':
      return refund(state, command);
  }
};

/** The premium decider for a gateway account: the key secret is configuration, passed in, never read here. */
export const premiumDecider = (config: PremiumDeciderConfig): Decider<PremiumCommand, PremiumEvent, PremiumState> => ({
  decide: decidePremium(config),
  evolve: evolvePremium,
  initialState: initialPremiumState,
});
