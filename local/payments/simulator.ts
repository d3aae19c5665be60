import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { dirname } from 'node:path';
import { z } from 'zod';

/**
 * A Razorpay stand-in on loopback: the Orders API (basic auth with the key id and secret), a checkout endpoint that
 * "pays" an order and answers as Razorpay's checkout does (payment id, order id, signature), refunds, and webhooks
 * signed with the webhook secret, so the whole premium flow runs over HTTP on one machine.
 *
 *   POST /v1/orders                      { amount, currency, receipt, notes }      (basic auth)
 *   GET  /v1/orders/:id                                                             (basic auth)
 *   POST /v1/payments/:id/refund         { "amount"?: partial amount }              (basic auth)
 *   POST /checkout/:orderId/pay          { "outcome": "success" | "failure", "notify"?: false }   (the buyer's browser)
 */
export interface PaymentGatewaySimulatorOptions {
  readonly keyId: string;
  readonly keySecret: string;
  readonly webhookSecret: string;
  readonly port?: number;
  /** Where webhooks go (the API's POST /webhooks/razorpay); none are sent until it is set. */
  readonly webhookUrl?: string;
  readonly now?: () => number;
  /** Keeps orders and payments in this JSON file, so they survive a restart of the local cloud; in memory without it. */
  readonly stateFile?: string;
}

interface Order {
  id: string;
  entity: 'order';
  amount: number;
  amount_paid: number;
  amount_due: number;
  currency: string;
  receipt: string;
  status: 'created' | 'attempted' | 'paid';
  attempts: number;
  notes: Record<string, string>;
  created_at: number;
}

interface Payment {
  id: string;
  entity: 'payment';
  amount: number;
  currency: string;
  status: 'captured' | 'failed' | 'refunded';
  amount_refunded?: number;
  refund_status?: 'partial' | 'full' | null;
  order_id: string;
  method: 'card';
  notes: Record<string, string>;
  created_at: number;
}

const stateSchema = z.object({
  orders: z.array(z.looseObject({ id: z.string() })),
  payments: z.array(z.looseObject({ id: z.string() })),
});

/** The orders and payments of an earlier run, as it wrote them (this file is only ever written by the simulator). */
const loadState = (file: string | undefined): { orders: Map<string, Order>; payments: Map<string, Payment> } => {
  const empty = { orders: new Map<string, Order>(), payments: new Map<string, Payment>() };
  if (file === undefined) return empty;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return empty;
    throw error;
  }
  const parsed = stateSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${file} is not the Razorpay simulator's state: delete it to start with no orders`);
  return {
    orders: new Map(parsed.data.orders.map((order) => [order.id, order as unknown as Order])),
    payments: new Map(parsed.data.payments.map((payment) => [payment.id, payment as unknown as Payment])),
  };
};

const orderBodySchema = z.object({
  amount: z.number().int().min(100),
  currency: z.string().regex(/^[A-Z]{3}$/),
  receipt: z.string().max(40).optional(),
  notes: z.record(z.string(), z.string().max(256)).refine((notes) => Object.keys(notes).length <= 15, 'at most 15 notes').optional(),
});
const refundBodySchema = z.object({ amount: z.number().int().min(100).optional() });
/** `notify: false` skips the webhook, to drive the checkout-confirmation path alone (e.g. racing confirmations). */
const payBodySchema = z.object({ outcome: z.enum(['success', 'failure']).default('success'), notify: z.boolean().default(true) });

const gatewayId = (prefix: string) => `${prefix}_${randomBytes(10).toString('base64url').replace(/[-_]/g, 'x').slice(0, 14)}`;
const hmacHex = (secret: string, message: string) => createHmac('sha256', secret).update(message).digest('hex');

class GatewayError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}

export const startPaymentGatewaySimulator = async (options: PaymentGatewaySimulatorOptions) => {
  const now = options.now ?? Date.now;
  const { orders, payments } = loadState(options.stateFile);
  /** Written whole after every change, through a temporary file, so a crash leaves the old state or the new one. */
  const save = () => {
    if (options.stateFile === undefined) return;
    mkdirSync(dirname(options.stateFile), { recursive: true });
    const temporary = `${options.stateFile}.tmp`;
    writeFileSync(temporary, JSON.stringify({ orders: [...orders.values()], payments: [...payments.values()] }), { mode: 0o600 });
    renameSync(temporary, options.stateFile);
  };
  let webhookUrl = options.webhookUrl;
  const delivered: Array<{ eventId: string; status: number }> = [];

  const authorize = (req: IncomingMessage) => {
    const expected = `Basic ${Buffer.from(`${options.keyId}:${options.keySecret}`).toString('base64')}`;
    if (req.headers.authorization !== expected) throw new GatewayError(401, 'The api key provided is invalid');
  };

  /** Signs the exact bytes it sends, as Razorpay does; each event has its own id for receivers to dedupe on. */
  const sendWebhook = async (event: string, payload: Record<string, unknown>) => {
    if (webhookUrl === undefined) return;
    const eventId = `evt_${randomUUID().replace(/-/g, '').slice(0, 14)}`;
    const body = JSON.stringify({ entity: 'event', account_id: 'acc_local', event, contains: Object.keys(payload), payload, created_at: Math.floor(now() / 1000) });
    const response = await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-razorpay-signature': hmacHex(options.webhookSecret, body), 'x-razorpay-event-id': eventId },
      body,
    }).catch(() => undefined);
    delivered.push({ eventId, status: response?.status ?? 0 });
  };

  const createOrder = (body: unknown): Order => {
    const input = orderBodySchema.safeParse(body);
    if (!input.success) throw new GatewayError(400, input.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const order: Order = {
      id: gatewayId('order'), entity: 'order', amount: input.data.amount, amount_paid: 0, amount_due: input.data.amount, currency: input.data.currency,
      receipt: input.data.receipt ?? '', status: 'created', attempts: 0, notes: input.data.notes ?? {}, created_at: Math.floor(now() / 1000),
    };
    orders.set(order.id, order);
    save();
    return order;
  };

  const orderOf = (orderId: string): Order => {
    const order = orders.get(orderId);
    if (order === undefined) throw new GatewayError(400, 'The id provided does not exist');
    return order;
  };

  /** Razorpay's refund: the whole payment, or `amount` of it (partial refunds add up to at most the payment). */
  const refund = async (paymentId: string, body: unknown) => {
    const payment = payments.get(paymentId);
    if (payment?.status !== 'captured') throw new GatewayError(400, 'The payment has not been captured or is already refunded');
    const already = payment.amount_refunded ?? 0;
    const { amount = payment.amount - already } = refundBodySchema.parse(body ?? {});
    if (amount > payment.amount - already) throw new GatewayError(400, 'The refund amount provided is greater than amount captured');
    payment.amount_refunded = already + amount;
    payment.refund_status = payment.amount_refunded === payment.amount ? 'full' : 'partial';
    if (payment.refund_status === 'full') payment.status = 'refunded';
    save();
    const issued = { id: gatewayId('rfnd'), entity: 'refund', amount, currency: payment.currency, payment_id: payment.id, status: 'processed' };
    await sendWebhook('refund.processed', { refund: { entity: issued }, payment: { entity: payment } });
    return issued;
  };

  /** What Razorpay's checkout does in the buyer's browser: pay the order, answer with the signed trio. */
  const pay = async (orderId: string, body: unknown) => {
    const order = orderOf(orderId);
    if (order.status === 'paid') throw new GatewayError(400, 'Order has already been paid');
    const { outcome, notify } = payBodySchema.parse(body ?? {});
    order.attempts += 1;
    const payment: Payment = {
      id: gatewayId('pay'), entity: 'payment', amount: order.amount, currency: order.currency, status: outcome === 'success' ? 'captured' : 'failed',
      order_id: order.id, method: 'card', notes: {}, created_at: Math.floor(now() / 1000),
    };
    payments.set(payment.id, payment);
    if (outcome === 'failure') {
      order.status = 'attempted';
      save();
      if (notify) await sendWebhook('payment.failed', { payment: { entity: { ...payment, error_code: 'BAD_REQUEST_ERROR', error_description: 'Payment failed' } } });
      return { error: { code: 'BAD_REQUEST_ERROR', description: 'Payment failed', metadata: { payment_id: payment.id, order_id: order.id } } };
    }
    Object.assign(order, { status: 'paid', amount_paid: order.amount, amount_due: 0 });
    save();
    if (notify) await sendWebhook('payment.captured', { payment: { entity: payment } });
    return { razorpay_payment_id: payment.id, razorpay_order_id: order.id, razorpay_signature: hmacHex(options.keySecret, `${order.id}|${payment.id}`) };
  };

  const routes: ReadonlyArray<{ method: string; path: RegExp; authenticated: boolean; run: (id: string, body: unknown) => unknown }> = [
    { method: 'POST', path: /^\/v1\/orders$/, authenticated: true, run: (_id, body) => createOrder(body) },
    { method: 'GET', path: /^\/v1\/orders\/([^/]+)$/, authenticated: true, run: (id) => orderOf(id) },
    { method: 'POST', path: /^\/v1\/payments\/([^/]+)\/refund$/, authenticated: true, run: (id, body) => refund(id, body) },
    { method: 'POST', path: /^\/checkout\/([^/]+)\/pay$/, authenticated: false, run: (id, body) => pay(id, body) },
  ];

  const route = async (method: string, path: string, req: IncomingMessage, body: unknown): Promise<unknown> => {
    for (const candidate of routes) {
      const match = candidate.method === method ? candidate.path.exec(path) : null;
      if (match === null) continue;
      if (candidate.authenticated) authorize(req);
      return candidate.run(decodeURIComponent(match[1] ?? ''), body);
    }
    throw new GatewayError(404, `no route ${method} ${path}`);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    try {
      const body: unknown = text === '' ? undefined : JSON.parse(text);
      const answer = await route(req.method ?? 'GET', new URL(req.url ?? '/', 'http://local').pathname, req, body);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    } catch (error) {
      const status = error instanceof GatewayError ? error.status : 400;
      const description = error instanceof Error ? error.message : String(error);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'BAD_REQUEST_ERROR', description } }));
    }
  };

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = address !== null && typeof address === 'object' ? address.port : (options.port ?? 0);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    setWebhookUrl: (url: string) => {
      webhookUrl = url;
    },
    /** Webhooks sent so far and the status each got: what Razorpay's dashboard shows. */
    deliveries: (): readonly { eventId: string; status: number }[] => [...delivered],
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

export type PaymentGatewaySimulator = Awaited<ReturnType<typeof startPaymentGatewaySimulator>>;

/** The documented local defaults; on AWS the functions get real ones from configuration (see functions/payments). */
export const localGatewayCredentials = {
  keyId: 'rzp_test_showrunnerlocal',
  keySecret: 'local-key-secret-do-not-use-on-aws',
  webhookSecret: 'local-webhook-secret-do-not-use-on-aws',
} as const;
