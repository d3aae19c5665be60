import { loadPaymentsConfig, readPaymentsSettings } from './config';

const local = {
  RAZORPAY_API_URL: 'http://127.0.0.1:4580',
  RAZORPAY_KEY_ID: 'rzp_test_showrunnerlocal',
  RAZORPAY_KEY_SECRET: 'local-key-secret-do-not-use-on-aws',
  RAZORPAY_WEBHOOK_SECRET: 'local-webhook-secret-do-not-use-on-aws',
};
const noSsm = async (name: string): Promise<string> => {
  throw new Error(`SSM asked for ${name}`);
};

describe('payments configuration', () => {
  it('takes the documented local secrets against a loopback gateway, with the default prices, without asking SSM', async () => {
    expect(await loadPaymentsConfig(local, noSsm)).toMatchObject({ apiUrl: local.RAZORPAY_API_URL, keySecret: local.RAZORPAY_KEY_SECRET, prices: { currency: 'INR', amounts: { 1: 9900, 3: 28900, 6: 56900, 12: 89900 } } });
  });

  it('reads the secrets from the SSM parameters named, which win over plain values (the serverless.yml fallbacks)', async () => {
    const store: Record<string, string> = { '/showrunner/prod/razorpay/key-secret': 'prod-key-secret-0123456789', '/showrunner/prod/razorpay/webhook-secret': 'prod-hook-secret-0123456789' };
    const asked: string[] = [];
    const config = await loadPaymentsConfig(
      { ...local, RAZORPAY_API_URL: undefined, RAZORPAY_KEY_SECRET_PARAMETER: '/showrunner/prod/razorpay/key-secret', RAZORPAY_WEBHOOK_SECRET_PARAMETER: '/showrunner/prod/razorpay/webhook-secret' },
      async (name) => {
        asked.push(name);
        return store[name];
      },
    );
    expect(asked.sort()).toEqual(Object.keys(store).sort());
    expect(config).toMatchObject({ apiUrl: 'https://api.razorpay.com', keySecret: 'prod-key-secret-0123456789', webhookSecret: 'prod-hook-secret-0123456789' });
  });

  it('an empty parameter name counts as unset (serverless.yml leaves it empty locally)', async () => {
    expect(await loadPaymentsConfig({ ...local, RAZORPAY_KEY_SECRET_PARAMETER: '' }, noSsm)).toMatchObject({ keySecret: local.RAZORPAY_KEY_SECRET });
  });

  it('refuses the public local secrets against the real gateway (the default URL)', async () => {
    const { RAZORPAY_API_URL: _url, ...onAws } = local;
    await expect(loadPaymentsConfig(onAws, noSsm)).rejects.toThrow(/local default Razorpay secrets only work with a local gateway/);
  });

  it('refuses a webhook secret equal to the key secret, and says which variable is missing at load', async () => {
    await expect(loadPaymentsConfig({ ...local, RAZORPAY_WEBHOOK_SECRET: local.RAZORPAY_KEY_SECRET }, noSsm)).rejects.toThrow(/must differ/);
    expect(() => readPaymentsSettings({ ...local, RAZORPAY_KEY_SECRET: undefined })).toThrow(/RAZORPAY_KEY_SECRET_PARAMETER/);
  });

  it('reads prices from configuration', async () => {
    expect((await loadPaymentsConfig({ ...local, PREMIUM_PRICES: '1:100,3:300,6:600,12:1200' }, noSsm)).prices.amounts).toEqual({ 1: 100, 3: 300, 6: 600, 12: 1200 });
    expect(() => readPaymentsSettings({ ...local, PREMIUM_PRICES: '1:100' })).toThrow(/PREMIUM_PRICES/);
  });

  it('never puts a secret in its error message, from env or from SSM', async () => {
    await expect(loadPaymentsConfig({ ...local, RAZORPAY_WEBHOOK_SECRET: local.RAZORPAY_KEY_SECRET }, noSsm)).rejects.not.toThrow(/do-not-use/);
    const short = loadPaymentsConfig({ ...local, RAZORPAY_KEY_SECRET_PARAMETER: '/p/key' }, async () => 'tiny-secret');
    await expect(short).rejects.toThrow(/key secret is too short/);
    await expect(loadPaymentsConfig({ ...local, RAZORPAY_KEY_SECRET_PARAMETER: '/p/key' }, async () => 'tiny-secret')).rejects.not.toThrow(/tiny-secret/);
    await expect(loadPaymentsConfig({ ...local, RAZORPAY_KEY_SECRET_PARAMETER: '/p/missing' }, async () => undefined)).rejects.toThrow(/\/p\/missing could not be read/);
  });
});
