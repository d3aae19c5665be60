import { parsePaid, type Paid } from './premium';

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

interface RazorpayCheckout {
  open(): void;
  on(event: 'payment.failed', listener: (response: { error?: { description?: string } }) => void): void;
}
type RazorpayConstructor = new (options: RazorpayOptions) => RazorpayCheckout;

export const razorpayCheckoutScript = 'https://checkout.razorpay.com/v1/checkout.js';

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

let loading: Promise<RazorpayConstructor> | null = null;

/** Razorpay's checkout.js, loaded once, when a buyer first pays (never with the app). */
const loadRazorpay = (): Promise<RazorpayConstructor> => {
  loading ??= new Promise<RazorpayConstructor>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = razorpayCheckoutScript;
    script.async = true;
    script.onload = () => {
      const Razorpay = (window as unknown as { Razorpay?: RazorpayConstructor }).Razorpay;
      if (Razorpay === undefined) reject(new Error('Razorpay Checkout did not start; reload the page and try again.'));
      else resolve(Razorpay);
    };
    script.onerror = () => {
      loading = null;
      reject(new Error('Razorpay Checkout could not be loaded: check your connection (or an ad blocker) and try again.'));
    };
    document.head.append(script);
  });
  return loading;
};

/** Pays an order in Razorpay Checkout (on AWS): resolves with the signed trio for POST /premium/confirm. */
export const payWithRazorpay = async (order: GatewayOrder, email: string | undefined): Promise<Paid> => {
  const Razorpay = await loadRazorpay();
  return new Promise<Paid>((resolve, reject) => {
    const checkout = new Razorpay(razorpayOptions(order, email, { paid: resolve, failed: reject }));
    checkout.on('payment.failed', (response) => reject(new Error(`The payment failed: ${response.error?.description ?? 'the bank refused it'}. Nothing was charged; try again.`)));
    checkout.open();
  });
};
