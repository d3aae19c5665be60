import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localGatewayCredentials, startPaymentGatewaySimulator } from './simulator';

describe('the Razorpay simulator across restarts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'showrunner-gateway-'));
  const stateFile = join(dir, 'payments', 'gateway.json');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const call = async (endpoint: string, method: string, path: string, body?: unknown) => {
    const authorization = `Basic ${Buffer.from(`${localGatewayCredentials.keyId}:${localGatewayCredentials.keySecret}`).toString('base64')}`;
    const response = await fetch(`${endpoint}${path}`, {
      method,
      headers: { authorization, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('keeps orders and payments in its state file: an order paid before a restart is paid after it, and can be refunded', async () => {
    const first = await startPaymentGatewaySimulator({ ...localGatewayCredentials, stateFile });
    const order = await call(first.endpoint, 'POST', '/v1/orders', { amount: 9900, currency: 'INR', receipt: 'r-1', notes: { userId: 'u-1' } });
    const unpaid = await call(first.endpoint, 'POST', '/v1/orders', { amount: 28900, currency: 'INR' });
    const paid = await call(first.endpoint, 'POST', `/checkout/${String(order.body.id)}/pay`, { notify: false });
    await first.stop();

    const second = await startPaymentGatewaySimulator({ ...localGatewayCredentials, stateFile });
    try {
      expect(await call(second.endpoint, 'GET', `/v1/orders/${String(order.body.id)}`)).toMatchObject({ status: 200, body: { status: 'paid', amount_paid: 9900, notes: { userId: 'u-1' } } });
      expect(await call(second.endpoint, 'GET', `/v1/orders/${String(unpaid.body.id)}`)).toMatchObject({ status: 200, body: { status: 'created' } });
      expect(await call(second.endpoint, 'POST', `/v1/payments/${String(paid.body.razorpay_payment_id)}/refund`)).toMatchObject({ status: 200, body: { amount: 9900, status: 'processed' } });
      expect(await call(second.endpoint, 'GET', '/v1/orders/order_unknown')).toMatchObject({ status: 400 });
    } finally {
      await second.stop();
    }
  });

  it('refunds part of a payment, then the rest, and no more', async () => {
    const gateway = await startPaymentGatewaySimulator(localGatewayCredentials);
    try {
      const order = await call(gateway.endpoint, 'POST', '/v1/orders', { amount: 9900, currency: 'INR' });
      const paid = await call(gateway.endpoint, 'POST', `/checkout/${String(order.body.id)}/pay`, { notify: false });
      const refund = (body: unknown) => call(gateway.endpoint, 'POST', `/v1/payments/${String(paid.body.razorpay_payment_id)}/refund`, body);
      expect(await refund({ amount: 10000 })).toMatchObject({ status: 400 });
      expect(await refund({ amount: 2900 })).toMatchObject({ status: 200, body: { amount: 2900 } });
      expect(await refund({})).toMatchObject({ status: 200, body: { amount: 7000 } });
      expect(await refund({})).toMatchObject({ status: 400 });
    } finally {
      await gateway.stop();
    }
  });

  it('without a state file forgets its orders when it stops', async () => {
    const gateway = await startPaymentGatewaySimulator(localGatewayCredentials);
    const order = await call(gateway.endpoint, 'POST', '/v1/orders', { amount: 9900, currency: 'INR' });
    expect(await call(gateway.endpoint, 'GET', `/v1/orders/${String(order.body.id)}`)).toMatchObject({ status: 200 });
    await gateway.stop();
    const again = await startPaymentGatewaySimulator(localGatewayCredentials);
    try {
      expect((await call(again.endpoint, 'GET', `/v1/orders/${String(order.body.id)}`)).status).toBe(400);
    } finally {
      await again.stop();
    }
  });
});
