import type { Paid } from './paid';
import { razorpayOptions, type GatewayOrder, type RazorpayOptions } from './razorpayOptions';

interface RazorpayCheckout {
  open(): void;
  on(event: 'payment.failed', listener: (response: { error?: { description?: string } }) => void): void;
}
type RazorpayConstructor = new (options: RazorpayOptions) => RazorpayCheckout;

const razorpayCheckoutScript = 'https://checkout.razorpay.com/v1/checkout.js';

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
