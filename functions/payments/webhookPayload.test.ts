import { commandOfWebhook, webhookSchema } from './webhookPayload';

const now = '2026-01-10T00:00:00.000Z';
const payment = { id: 'pay_1', amount: 9900, currency: 'INR', order_id: 'order_A', status: 'captured' };
const commandFor = (event: string, payload: Record<string, unknown>) => {
  const wanted = commandOfWebhook(webhookSchema.parse({ event, payload }), now);
  return wanted === undefined ? undefined : { orderId: wanted.orderId, command: wanted.command('user-1') };
};

describe('Razorpay webhooks as commands', () => {
  it('captured and order.paid both record the capture with the amount the gateway reports', () => {
    const expected = { orderId: 'order_A', command: { kind: 'RecordCapture', userId: 'user-1', now, orderId: 'order_A', paymentId: 'pay_1', amount: 9900, currency: 'INR' } };
    expect(commandFor('payment.captured', { payment: { entity: payment } })).toEqual(expected);
    expect(commandFor('order.paid', { payment: { entity: payment }, order: { entity: { id: 'order_A' } } })).toEqual(expected);
  });

  it('a failure and a refund become their commands', () => {
    expect(commandFor('payment.failed', { payment: { entity: { ...payment, error_description: 'card declined' } } })?.command).toMatchObject({ kind: 'RecordFailure', reason: 'card declined' });
    expect(commandFor('refund.processed', { payment: { entity: payment }, refund: { entity: { id: 'rfnd_1', amount: 9900, payment_id: 'pay_1' } } })?.command).toMatchObject({
      kind: 'RecordRefund',
      refundId: 'rfnd_1',
      amount: 9900,
    });
  });

  it('authorized, and payments without an order, ask for nothing', () => {
    expect(commandFor('payment.authorized', { payment: { entity: payment } })).toBeUndefined();
    expect(commandFor('payment.captured', { payment: { entity: { ...payment, order_id: null } } })).toBeUndefined();
  });
});
