import * as z from 'zod';

/** The part of Razorpay's Orders API order entity Showrunner relies on. */
const orderSchema = z.looseObject({
  id: z.string().min(1),
  entity: z.literal('order'),
  amount: z.number().int(),
  currency: z.string(),
  receipt: z.string().nullable(),
  status: z.enum(['created', 'attempted', 'paid']),
  notes: z.union([z.record(z.string(), z.string()), z.array(z.never())]),
});
export type GatewayOrder = z.infer<typeof orderSchema>;

export class PaymentGatewayError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'PaymentGatewayError';
  }
}

/** The payment-gateway port: Razorpay's Orders API, or anything speaking it (the local simulator). */
export interface PaymentGateway {
  createOrder(input: { amount: number; currency: string; receipt: string; notes: Record<string, string> }): Promise<GatewayOrder>;
  fetchOrder(orderId: string): Promise<GatewayOrder>;
}

export const createRazorpayGateway = (config: { apiUrl: string; keyId: string; keySecret: string }): PaymentGateway => {
  const authorization = `Basic ${Buffer.from(`${config.keyId}:${config.keySecret}`).toString('base64')}`;
  const call = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<GatewayOrder> => {
    const response = await fetch(new URL(path, config.apiUrl), {
      method,
      headers: { authorization, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(10_000),
    });
    const payload: unknown = await response.json().catch(() => undefined);
    // Only the status and the gateway's description: the request carried credentials, so it is never echoed.
    if (!response.ok) throw new PaymentGatewayError(response.status, `payment gateway answered ${response.status} to ${method} ${path}: ${JSON.stringify(payload)}`);
    return orderSchema.parse(payload);
  };
  return {
    createOrder: (input) => call('POST', '/v1/orders', input),
    fetchOrder: (orderId) => call('GET', `/v1/orders/${encodeURIComponent(orderId)}`),
  };
};
