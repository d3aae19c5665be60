import type { Paid } from '../src/api/paid';
import { razorpayOptions } from '../src/api/razorpayOptions';

describe('Razorpay Checkout on AWS', () => {
  const order = { orderId: 'order_Abc123', keyId: 'rzp_live_key', amount: 28900, currency: 'INR', months: 3 };
  const settled = () => {
    const outcome: { paid?: Paid; failed?: Error } = {};
    return { outcome, settle: { paid: (paid: Paid) => (outcome.paid = paid), failed: (error: Error) => (outcome.failed = error) } };
  };

  it("opens on the API's order with the public key id, the server's price and the buyer's email", () => {
    const options = razorpayOptions(order, 'ada@example.com', settled().settle);
    expect(options).toMatchObject({ key: 'rzp_live_key', order_id: 'order_Abc123', amount: 28900, currency: 'INR', description: 'Premium, 3 months', prefill: { email: 'ada@example.com' } });
  });

  it('settles with the signed trio the checkout hands back, for POST /premium/confirm', () => {
    const { outcome, settle } = settled();
    const trio = { razorpay_order_id: 'order_Abc123', razorpay_payment_id: 'pay_1', razorpay_signature: 'f00d' };
    razorpayOptions(order, undefined, settle).handler(trio);
    expect(outcome).toEqual({ paid: trio });
  });

  it('fails with words a buyer understands when the answer is not a payment or the checkout is closed', () => {
    const odd = settled();
    razorpayOptions(order, undefined, odd.settle).handler({ razorpay_payment_id: 'pay_1' });
    expect(odd.outcome.failed?.message).toMatch(/nothing was confirmed/);
    const closed = settled();
    razorpayOptions(order, undefined, closed.settle).modal.ondismiss();
    expect(closed.outcome.failed?.message).toMatch(/closed before paying; nothing was charged/);
  });
});
