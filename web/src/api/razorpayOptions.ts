import { parsePaid, type Paid } from './paid';

/** What POST /premium/orders answers: the gateway's order and the public key id its checkout needs. */
export interface GatewayOrder {
  readonly orderId: string;
  readonly keyId: string;
  readonly amount: number;
  readonly currency: string;
  readonly months: number;
}

/** The options of Razorpay Checkout (https://razorpay.com/docs/payments/payment-gateway/web-integration/standard/). */
export interface RazorpayOptions {
  readonly key: string;
  readonly order_id: string;
  readonly amount: number;
  readonly currency: string;
  readonly name: string;
  readonly description: string;
  readonly prefill: { readonly email?: string };
  readonly handler: (response: unknown) => void;
  readonly modal: { readonly ondismiss: () => void };
}

/** The checkout's options for an order: the signed trio it hands back settles the payment, closing it cancels. */
export const razorpayOptions = (order: GatewayOrder, email: string | undefined, settle: { paid(paid: Paid): void; failed(error: Error): void }): RazorpayOptions => ({
  key: order.keyId,
  order_id: order.orderId,
  amount: order.amount,
  currency: order.currency,
  name: 'Showrunner',
  description: `Premium, ${order.months} ${order.months === 1 ? 'month' : 'months'}`,
  prefill: email === undefined ? {} : { email },
  handler: (response) => {
    try {
      settle.paid(parsePaid(response));
    } catch {
      settle.failed(new Error('The checkout answered something other than a payment; nothing was confirmed. Try again.'));
    }
  },
  modal: { ondismiss: () => settle.failed(new Error('The checkout was closed before paying; nothing was charged.')) },
});
