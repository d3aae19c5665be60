import { createStoreFixture, type StoreFixture } from '../../adapters/eventstore/testing/storeFixture';
import { defaultPriceList, hmacHex } from '../../domain/payments';
import { callHttp } from '../http/testing/request';
import { paymentsApi } from './api';
import type { PaymentsConfig } from './config';
import type { WebhookRejection } from './deps';
import { fakeGateway } from './testing/fakeGateway';

const config: PaymentsConfig = {
  apiUrl: 'http://127.0.0.1:1',
  keyId: 'rzp_test_unit',
  keySecret: 'unit-key-secret-0123456789',
  webhookSecret: 'unit-webhook-secret-0123456789',
  prices: defaultPriceList,
};
const now = new Date('2026-04-10T12:00:00.000Z');
const alan = { sub: 'user-alan', groups: '' };
const eve = { sub: 'user-eve', groups: '' };

let fixture: StoreFixture;
let gateway: ReturnType<typeof fakeGateway>;
let rejections: WebhookRejection[];
let api: ReturnType<typeof paymentsApi>;

const premiumEvents = async (userId: string) => (await fixture.store.readStream(`premium#${userId}`)).events.map((e) => e.type);
const order = async (user: { sub: string; groups: string }) => {
  const answer = await callHttp(api.createOrder, { user, body: { months: 1 } });
  return String(answer.body?.orderId);
};
const checkout = (orderId: string, paymentId: string, secret = config.keySecret) => ({
  razorpay_order_id: orderId,
  razorpay_payment_id: paymentId,
  razorpay_signature: hmacHex(secret, `${orderId}|${paymentId}`),
});
const webhook = (raw: string, eventId = `evt_${Math.random().toString(36).slice(2)}`, signature = hmacHex(config.webhookSecret, raw)) =>
  callHttp(api.webhook, { rawBody: raw, headers: { 'x-razorpay-signature': signature, 'x-razorpay-event-id': eventId } });
const captured = (orderId: string, paymentId: string, amount = 9900) =>
  JSON.stringify({ event: 'payment.captured', payload: { payment: { entity: { id: paymentId, amount, currency: 'INR', order_id: orderId } } } });

beforeAll(async () => {
  fixture = await createStoreFixture();
});
afterAll(() => fixture.dispose());
beforeEach(() => {
  gateway = fakeGateway();
  rejections = [];
  api = paymentsApi({ store: fixture.store, gateway: async () => ({ config, gateway: gateway.gateway }), clock: () => now, recordRejection: (r) => rejections.push(r) });
});

describe('premium orders', () => {
  it('creates a gateway order at the server\'s price, with the caller in its notes, and records it', async () => {
    const answer = await callHttp(api.createOrder, { user: { sub: 'user-order', groups: '' }, body: { months: 3 } });
    expect(answer).toMatchObject({ status: 201, body: { amount: 28900, currency: 'INR', months: 3, keyId: 'rzp_test_unit' } });
    expect(gateway.orders.get(String(answer.body?.orderId))?.notes).toEqual({ userId: 'user-order', months: '3' });
    expect(await premiumEvents('user-order')).toEqual(['PremiumOrderCreated']);
  });

  it('refuses a client\'s own amount, an unknown plan and an anonymous caller, and records nothing', async () => {
    expect((await callHttp(api.createOrder, { user: { sub: 'user-greedy', groups: '' }, body: { months: 1, amount: 1 } })).status).toBe(400);
    expect((await callHttp(api.createOrder, { user: { sub: 'user-greedy', groups: '' }, body: { months: 2 } })).status).toBe(400);
    expect((await callHttp(api.createOrder, { body: { months: 1 } })).status).toBe(401);
    expect(gateway.orders.size).toBe(0);
    expect(await premiumEvents('user-greedy')).toEqual([]);
  });
});

describe('confirming a checkout', () => {
  it('grants premium for a genuine signature of the caller\'s own order, once however often it is replayed', async () => {
    const orderId = await order(alan);
    const first = await callHttp(api.confirm, { user: alan, body: checkout(orderId, 'pay_alan') });
    expect(first).toMatchObject({ status: 200, body: { orderId, paymentId: 'pay_alan', premium: { endsAt: '2026-05-10T12:00:00.000Z' } } });
    const replayed = await callHttp(api.confirm, { user: alan, body: checkout(orderId, 'pay_alan') });
    expect(replayed).toEqual(first);
    expect(await premiumEvents(alan.sub)).toEqual(['PremiumOrderCreated', 'PaymentCaptured', 'SubscriptionExtended']);
  });

  it('refuses a forged signature, a signature over another payment id, and another user\'s order', async () => {
    const orderId = await order({ sub: 'user-bob', groups: '' });
    const forged = checkout(orderId, 'pay_bob', 'guessed-secret-0123456789');
    expect(await callHttp(api.confirm, { user: { sub: 'user-bob', groups: '' }, body: forged })).toMatchObject({ status: 400, body: { error: 'SIGNATURE_INVALID' } });
    const swapped = { ...checkout(orderId, 'pay_bob'), razorpay_payment_id: 'pay_other' };
    expect(await callHttp(api.confirm, { user: { sub: 'user-bob', groups: '' }, body: swapped })).toMatchObject({ status: 400, body: { error: 'SIGNATURE_INVALID' } });
    expect(await callHttp(api.confirm, { user: eve, body: checkout(orderId, 'pay_bob') })).toMatchObject({ status: 404, body: { error: 'ORDER_NOT_FOUND' } });
    expect(await premiumEvents(eve.sub)).toEqual([]);
    expect(await premiumEvents('user-bob')).toEqual(['PremiumOrderCreated']);
  });

  it('answers 400 to a confirmation that is not checkout\'s shape', async () => {
    expect((await callHttp(api.confirm, { user: alan, body: { razorpay_order_id: 'order_1', razorpay_payment_id: 'pay_1', razorpay_signature: 'not-hex' } })).status).toBe(400);
  });
});

describe('Razorpay webhooks', () => {
  it('acts on a signed capture once per event id', async () => {
    const orderId = await order({ sub: 'user-joan', groups: '' });
    expect((await webhook(captured(orderId, 'pay_joan'), 'evt_1')).body).toEqual({ status: 'processed', events: ['PaymentCaptured', 'SubscriptionExtended'] });
    expect((await webhook(captured(orderId, 'pay_joan'), 'evt_1')).body).toMatchObject({ status: 'duplicate' });
    expect((await webhook(captured(orderId, 'pay_joan'), 'evt_2')).body).toEqual({ status: 'processed', events: [] });
    expect(rejections).toEqual([]);
  });

  it('answers 400 to a body changed after signing, or without an event id, and changes nothing', async () => {
    const orderId = await order({ sub: 'user-mallory', groups: '' });
    const raw = captured(orderId, 'pay_mallory');
    expect(await webhook(raw.replace('9900', '990'), 'evt_t', hmacHex(config.webhookSecret, raw))).toMatchObject({ status: 400, body: { error: 'signature_invalid' } });
    const noId = await callHttp(api.webhook, { rawBody: raw, headers: { 'x-razorpay-signature': hmacHex(config.webhookSecret, raw) } });
    expect(noId).toMatchObject({ status: 400, body: { error: 'event_id_missing' } });
    expect(await premiumEvents('user-mallory')).toEqual(['PremiumOrderCreated']);
  });

  it('acknowledges a signed amount below the order\'s as refused, and records why', async () => {
    const orderId = await order({ sub: 'user-low', groups: '' });
    expect(await webhook(captured(orderId, 'pay_low', 100), 'evt_low')).toMatchObject({ status: 200, body: { status: 'refused', reason: 'AMOUNT_MISMATCH' } });
    expect(rejections).toEqual([{ eventId: 'evt_low', event: 'payment.captured', reason: 'AMOUNT_MISMATCH' }]);
    expect(await premiumEvents('user-low')).toEqual(['PremiumOrderCreated']);
  });

  it('acknowledges a signed body that is malformed or not a payment event with 2xx, and records it (Razorpay would retry a 5xx for a day)', async () => {
    expect(await webhook('{"event": "payment.captured", "payload": ', 'evt_broken')).toMatchObject({ status: 200, body: { status: 'ignored' } });
    expect(await webhook(JSON.stringify({ event: 'payment.captured', payload: { payment: { entity: { id: 7 } } } }), 'evt_shape')).toMatchObject({ status: 200, body: { status: 'ignored' } });
    expect(rejections.map((r) => [r.eventId, r.reason])).toEqual([
      ['evt_broken', 'not a payment event Showrunner reads'],
      ['evt_shape', 'not a payment event Showrunner reads'],
    ]);
  });

  it('acknowledges an order the gateway does not know, or did not create for Showrunner, and records it', async () => {
    expect(await webhook(captured('order_nobody', 'pay_x'), 'evt_unknown')).toMatchObject({ status: 200, body: { status: 'ignored' } });
    gateway.orders.set('order_foreign', { id: 'order_foreign', entity: 'order', amount: 9900, currency: 'INR', receipt: null, status: 'paid', notes: [] });
    expect(await webhook(captured('order_foreign', 'pay_y'), 'evt_foreign')).toMatchObject({ status: 200, body: { status: 'ignored' } });
    expect(rejections.map((r) => r.eventId)).toEqual(['evt_unknown', 'evt_foreign']);
  });

  it('says nothing needs doing for an authorization, without recording a rejection', async () => {
    const raw = JSON.stringify({ event: 'payment.authorized', payload: { payment: { entity: { id: 'pay_a', amount: 9900, currency: 'INR', order_id: 'order_1' } } } });
    expect(await webhook(raw)).toMatchObject({ status: 200, body: { status: 'ignored', reason: 'payment.authorized needs no action' } });
    expect(rejections).toEqual([]);
  });

  it('answers 5xx when the gateway cannot be asked, so Razorpay delivers the event again', async () => {
    const orderId = await order({ sub: 'user-later', groups: '' });
    gateway.state.failing = true;
    expect((await webhook(captured(orderId, 'pay_later'), 'evt_later')).status).toBe(500);
    gateway.state.failing = false;
    expect((await webhook(captured(orderId, 'pay_later'), 'evt_later')).body).toMatchObject({ status: 'processed' });
  });
});
