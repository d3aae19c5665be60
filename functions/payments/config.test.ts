import { readPaymentsConfig } from './config';

const local = {
  RAZORPAY_API_URL: 'http://127.0.0.1:4580',
  RAZORPAY_KEY_ID: 'rzp_test_showrunnerlocal',
  RAZORPAY_KEY_SECRET: 'local-key-secret-do-not-use-on-aws',
  RAZORPAY_WEBHOOK_SECRET: 'local-webhook-secret-do-not-use-on-aws',
};

describe('payments configuration', () => {
  it('takes the documented local secrets against a loopback gateway, with the default prices', () => {
    expect(readPaymentsConfig(local)).toMatchObject({ apiUrl: local.RAZORPAY_API_URL, prices: { currency: 'INR', amounts: { 1: 9900, 3: 28900, 6: 56900, 12: 89900 } } });
  });

  it('refuses the public local secrets against the real gateway (the default URL)', () => {
    const { RAZORPAY_API_URL: _url, ...onAws } = local;
    expect(() => readPaymentsConfig(onAws)).toThrow(/local default Razorpay secrets only work with a local gateway/);
  });

  it('refuses a webhook secret equal to the key secret, and says which variable is missing', () => {
    expect(() => readPaymentsConfig({ ...local, RAZORPAY_WEBHOOK_SECRET: local.RAZORPAY_KEY_SECRET })).toThrow(/must differ/);
    expect(() => readPaymentsConfig({ ...local, RAZORPAY_KEY_SECRET: undefined })).toThrow(/RAZORPAY_KEY_SECRET/);
  });

  it('reads prices from configuration', () => {
    expect(readPaymentsConfig({ ...local, PREMIUM_PRICES: '1:100,3:300,6:600,12:1200' }).prices.amounts).toEqual({ 1: 100, 3: 300, 6: 600, 12: 1200 });
    expect(() => readPaymentsConfig({ ...local, PREMIUM_PRICES: '1:100' })).toThrow(/PREMIUM_PRICES/);
  });

  it('never puts a secret in its error message', () => {
    expect(() => readPaymentsConfig({ ...local, RAZORPAY_WEBHOOK_SECRET: local.RAZORPAY_KEY_SECRET })).not.toThrow(/do-not-use/);
  });
});
