import { deciderSpec } from '../show/testing';
import type { PremiumCommand } from './commands';
import { premiumDecider } from './decide';
import { decidePlayback } from './entitlement';
import type { PremiumEvent } from './events';
import { addMonths } from './plans';
import { hmacHex, paymentSignatureValid, webhookSignatureValid } from './signature';

const keySecret = 'key-secret-for-tests';
const { given } = deciderSpec(premiumDecider({ keySecret }));
const userId = 'user-1';
const jan = '2026-01-10T00:00:00.000Z';

const ordered = (orderId = 'order_A', months: 1 | 3 = 1): PremiumEvent => ({
  type: 'PremiumOrderCreated',
  data: { userId, orderId, months, amount: months === 1 ? 9900 : 28900, currency: 'INR', receipt: `r-${orderId}` },
});
const confirm = (overrides: Partial<Extract<PremiumCommand, { kind: 'ConfirmPayment' }>> = {}): PremiumCommand => {
  const orderId = overrides.orderId ?? 'order_A';
  const paymentId = overrides.paymentId ?? 'pay_1';
  return { kind: 'ConfirmPayment', userId, now: jan, orderId, paymentId, signature: hmacHex(keySecret, `${orderId}|${paymentId}`), ...overrides };
};
const captured = (paymentId = 'pay_1', orderId = 'order_A', via: 'checkout' | 'webhook' = 'checkout', amount = 9900): PremiumEvent => ({
  type: 'PaymentCaptured',
  data: { userId, orderId, paymentId, amount, currency: 'INR', via },
});
const extended = (startsAt: string, endsAt: string, paymentId = 'pay_1', orderId = 'order_A'): PremiumEvent => ({
  type: 'SubscriptionExtended',
  data: { userId, orderId, paymentId, startsAt, endsAt },
});

describe('signatures', () => {
  it('accepts the HMAC of order_id|payment_id with the key secret and nothing else', () => {
    const signature = hmacHex(keySecret, 'order_A|pay_1');
    expect(paymentSignatureValid({ keySecret, orderId: 'order_A', paymentId: 'pay_1', signature })).toBe(true);
    expect(paymentSignatureValid({ keySecret, orderId: 'order_B', paymentId: 'pay_1', signature })).toBe(false);
    expect(paymentSignatureValid({ keySecret: 'other', orderId: 'order_A', paymentId: 'pay_1', signature })).toBe(false);
    expect(paymentSignatureValid({ keySecret, orderId: 'order_A', paymentId: 'pay_1', signature: signature.slice(0, -1) })).toBe(false);
  });

  it('checks a webhook over its exact raw bytes', () => {
    const body = '{"event":"payment.captured","amount":9900}';
    const signature = hmacHex('hook-secret', body);
    expect(webhookSignatureValid({ webhookSecret: 'hook-secret', rawBody: body, signature })).toBe(true);
    expect(webhookSignatureValid({ webhookSecret: 'hook-secret', rawBody: body.replace('9900', '100'), signature })).toBe(false);
    expect(webhookSignatureValid({ webhookSecret: keySecret, rawBody: body, signature })).toBe(false);
  });
});

describe('confirming a checkout payment', () => {
  it('records the payment and starts a month of premium now', () => {
    given([ordered()]).when(confirm()).then([captured(), extended(jan, '2026-02-10T00:00:00.000Z')]);
  });

  it('extends from the current end when premium is still running', () => {
    given([ordered(), captured(), extended(jan, '2026-02-10T00:00:00.000Z'), ordered('order_B', 3)])
      .when(confirm({ orderId: 'order_B', paymentId: 'pay_2', now: '2026-01-20T00:00:00.000Z' }))
      .then([captured('pay_2', 'order_B', 'checkout', 28900), extended('2026-02-10T00:00:00.000Z', '2026-05-10T00:00:00.000Z', 'pay_2', 'order_B')]);
  });

  it('extends from now once premium has expired', () => {
    given([ordered(), captured(), extended(jan, '2026-02-10T00:00:00.000Z'), ordered('order_B')])
      .when(confirm({ orderId: 'order_B', paymentId: 'pay_2', now: '2026-03-01T00:00:00.000Z' }))
      .then([captured('pay_2', 'order_B', 'checkout', 9900), extended('2026-03-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z', 'pay_2', 'order_B')]);
  });

  it('refuses a forged signature', () => {
    given([ordered()]).when(confirm({ signature: hmacHex('guessed-secret', 'order_A|pay_1') })).thenRefuses('SIGNATURE_INVALID');
  });

  it('refuses a genuine signature for another order of the same user', () => {
    given([ordered(), ordered('order_B')]).when(confirm({ orderId: 'order_B', signature: hmacHex(keySecret, 'order_A|pay_1') })).thenRefuses('SIGNATURE_INVALID');
  });

  it('refuses an order that is not in this user\'s stream (unknown, or another user\'s)', () => {
    given([]).when(confirm()).thenRefuses('ORDER_NOT_FOUND');
  });

  it('counts a payment confirmed twice once', () => {
    given([ordered(), captured(), extended(jan, '2026-02-10T00:00:00.000Z')]).when(confirm({ now: '2026-01-11T00:00:00.000Z' })).then([]);
  });

  it('refuses a second payment for an order already paid', () => {
    given([ordered(), captured(), extended(jan, '2026-02-10T00:00:00.000Z')]).when(confirm({ paymentId: 'pay_9' })).thenRefuses('ORDER_ALREADY_PAID');
  });
});

describe('webhook facts', () => {
  const capture = (amount: number): PremiumCommand => ({ kind: 'RecordCapture', userId, now: jan, orderId: 'order_A', paymentId: 'pay_1', amount, currency: 'INR' });

  it('a captured payment of the order amount grants premium', () => {
    given([ordered()]).when(capture(9900)).then([captured('pay_1', 'order_A', 'webhook'), extended(jan, '2026-02-10T00:00:00.000Z')]);
  });

  it('a tampered amount grants nothing', () => {
    given([ordered()]).when(capture(100)).thenRefuses('AMOUNT_MISMATCH');
  });

  it('a failure after the capture (out of order) changes nothing; before it, it is recorded', () => {
    const failure: PremiumCommand = { kind: 'RecordFailure', userId, now: jan, orderId: 'order_A', paymentId: 'pay_1', reason: 'BAD_REQUEST_ERROR' };
    given([ordered(), captured(), extended(jan, '2026-02-10T00:00:00.000Z')]).when(failure).then([]);
    given([ordered()]).when(failure).then([{ type: 'PaymentFailed', data: { userId, orderId: 'order_A', paymentId: 'pay_1', reason: 'BAD_REQUEST_ERROR' } }]);
  });

  const refund = (now: string): PremiumCommand => ({ kind: 'RecordRefund', userId, now, orderId: 'order_A', paymentId: 'pay_1', refundId: 'rfnd_1', amount: 9900 });
  const refunded: PremiumEvent = { type: 'PaymentRefunded', data: { userId, orderId: 'order_A', paymentId: 'pay_1', refundId: 'rfnd_1', amount: 9900 } };

  it('a refund ends the entitlement it paid for, and later periods move up', () => {
    const history = [
      ordered(),
      captured(),
      extended(jan, '2026-02-10T00:00:00.000Z'),
      ordered('order_B'),
      captured('pay_2', 'order_B'),
      extended('2026-02-10T00:00:00.000Z', '2026-03-10T00:00:00.000Z', 'pay_2', 'order_B'),
    ];
    const now = '2026-01-20T00:00:00.000Z';
    given(history).when(refund(now)).then([refunded, { type: 'SubscriptionShortened', data: { userId, paymentId: 'pay_1', endsAt: '2026-02-17T00:00:00.000Z' } }]);
    const after = given([...history, refunded, { type: 'SubscriptionShortened', data: { userId, paymentId: 'pay_1', endsAt: '2026-02-17T00:00:00.000Z' } }]).state();
    expect(after.periods).toEqual([
      { paymentId: 'pay_1', startsAt: jan, endsAt: now },
      { paymentId: 'pay_2', startsAt: now, endsAt: '2026-02-17T00:00:00.000Z' },
    ]);
  });

  it('a refund of the only period ends premium now; a capture arriving after the refund grants nothing', () => {
    const history = [ordered(), captured(), extended(jan, '2026-02-10T00:00:00.000Z')];
    const shortened: PremiumEvent = { type: 'SubscriptionShortened', data: { userId, paymentId: 'pay_1', endsAt: '2026-01-15T00:00:00.000Z' } };
    given(history).when(refund('2026-01-15T00:00:00.000Z')).then([refunded, shortened]);
    const state = given([...history, refunded, shortened]).state();
    expect(decidePlayback({ published: true, premium: true }, state, '2026-01-16T00:00:00.000Z')).toMatchObject({ allowed: false, reason: 'SUBSCRIPTION_EXPIRED' });
    given([ordered(), refunded]).when(capture(9900)).thenRefuses('PAYMENT_REFUNDED');
  });

  describe('partial refunds: the share of the money returned takes the same share of what the period had left', () => {
    const history = [ordered(), captured(), extended(jan, '2026-02-10T00:00:00.000Z')];
    const partial = (refundId: string, amount: number, now: string): PremiumCommand => ({ kind: 'RecordRefund', userId, now, orderId: 'order_A', paymentId: 'pay_1', refundId, amount });
    const partlyRefunded = (refundId: string, amount: number): PremiumEvent => ({ type: 'PaymentRefunded', data: { userId, orderId: 'order_A', paymentId: 'pay_1', refundId, amount } });
    const shortenedTo = (endsAt: string): PremiumEvent => ({ type: 'SubscriptionShortened', data: { userId, paymentId: 'pay_1', endsAt } });

    it('half the payment refunded on day 10 takes half of the 21 days left', () => {
      given(history).when(partial('rfnd_a', 4950, '2026-01-20T00:00:00.000Z')).then([partlyRefunded('rfnd_a', 4950), shortenedTo('2026-01-30T12:00:00.000Z')]);
    });

    it('the rest refunded later takes all that is left, and the payment then counts as refunded', () => {
      const afterHalf = [...history, partlyRefunded('rfnd_a', 4950), shortenedTo('2026-01-30T12:00:00.000Z')];
      given(afterHalf).when(partial('rfnd_b', 4950, '2026-01-25T00:00:00.000Z')).then([partlyRefunded('rfnd_b', 4950), shortenedTo('2026-01-25T00:00:00.000Z')]);
      const state = given([...afterHalf, partlyRefunded('rfnd_b', 4950), shortenedTo('2026-01-25T00:00:00.000Z')]).state();
      expect(state.payments.pay_1).toMatchObject({ status: 'refunded', refunded: 9900 });
      expect(decidePlayback({ published: true, premium: true }, state, '2026-01-25T00:00:00.000Z')).toMatchObject({ allowed: false, reason: 'SUBSCRIPTION_EXPIRED' });
    });

    it('a partial refund leaves the payment captured and premium active until the shortened end', () => {
      const state = given([...history, partlyRefunded('rfnd_a', 4950), shortenedTo('2026-01-30T12:00:00.000Z')]).state();
      expect(state.payments.pay_1).toMatchObject({ status: 'captured', refunded: 4950, refundIds: ['rfnd_a'] });
      expect(decidePlayback({ published: true, premium: true }, state, '2026-01-30T11:59:59.999Z')).toEqual({ allowed: true });
    });

    it('the same partial refund delivered twice counts once', () => {
      given([...history, partlyRefunded('rfnd_a', 4950), shortenedTo('2026-01-30T12:00:00.000Z')]).when(partial('rfnd_a', 4950, '2026-01-21T00:00:00.000Z')).then([]);
    });

    it('a partial refund after the period is used up takes nothing off', () => {
      given(history).when(partial('rfnd_a', 1000, '2026-03-01T00:00:00.000Z')).then([partlyRefunded('rfnd_a', 1000)]);
    });
  });

  it('a refund replayed changes nothing', () => {
    given([ordered(), captured(), extended(jan, '2026-02-10T00:00:00.000Z'), refunded]).when(refund(jan)).then([]);
  });
});

describe('playback entitlement', () => {
  const subscribed = given([ordered(), captured(), extended(jan, '2026-02-10T00:00:00.000Z')]).state();
  const never = given([]).state();

  it('lets anyone watch a free published show', () => {
    expect(decidePlayback({ published: true, premium: false }, never, jan)).toEqual({ allowed: true });
  });

  it('lets a subscriber watch a premium show until the subscription ends, then says it expired', () => {
    expect(decidePlayback({ published: true, premium: true }, subscribed, '2026-02-09T23:59:59.999Z')).toEqual({ allowed: true });
    expect(decidePlayback({ published: true, premium: true }, subscribed, '2026-02-10T00:00:00.000Z')).toMatchObject({ allowed: false, reason: 'SUBSCRIPTION_EXPIRED' });
  });

  it('refuses a premium show to a viewer who never subscribed, and any unpublished show', () => {
    expect(decidePlayback({ published: true, premium: true }, never, jan)).toMatchObject({ allowed: false, reason: 'PREMIUM_REQUIRED' });
    expect(decidePlayback({ published: false, premium: false }, subscribed, jan)).toMatchObject({ allowed: false, reason: 'SHOW_NOT_PUBLISHED' });
  });
});

describe('plans', () => {
  it('adds calendar months, clamped to the last day', () => {
    expect(addMonths('2026-01-31T10:00:00.000Z', 1)).toBe('2026-02-28T10:00:00.000Z');
    expect(addMonths('2026-11-15T00:00:00.000Z', 3)).toBe('2027-02-15T00:00:00.000Z');
  });
});
