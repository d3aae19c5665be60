import { coldStart } from '../runtime/testing/coldStart';
import { paymentsDeps } from './deps';

const local = {
  EVENTS_TABLE: 'events',
  SNAPSHOTS_TABLE: 'snapshots',
  RAZORPAY_API_URL: 'http://127.0.0.1:4580',
  RAZORPAY_KEY_ID: 'rzp_test_showrunnerlocal',
  RAZORPAY_KEY_SECRET: 'local-key-secret-do-not-use-on-aws',
  RAZORPAY_WEBHOOK_SECRET: 'local-webhook-secret-do-not-use-on-aws',
};

const load = () => import('./entries/createPremiumOrder');

describe('the payments composition root', () => {
  it('fails at cold start naming the missing variable, before any request', async () => {
    expect(() => paymentsDeps({ ...local, RAZORPAY_KEY_ID: undefined })).toThrow(/payments configuration: RAZORPAY_KEY_ID/);
    await expect(coldStart(load, {})).rejects.toThrow(/RAZORPAY_KEY_ID/);
    await expect(coldStart(load, { RAZORPAY_KEY_ID: 'rzp_test_x' })).rejects.toThrow(/set RAZORPAY_KEY_SECRET_PARAMETER/);
    await expect(coldStart(load, local)).resolves.toBeUndefined();
  });

  it('loads playback with its own variables only, and fails at cold start without them', async () => {
    await expect(coldStart(() => import('./playbackHandler'), {})).rejects.toThrow(/playback configuration: PLAYBACK_BUCKET/);
    await expect(coldStart(() => import('./playbackHandler'), { PLAYBACK_BUCKET: 'showrunner-dev-media' })).resolves.toBeUndefined();
  });

  it('reads the secrets once, and again after a failed read', async () => {
    let reads = 0;
    const flaky = async () => {
      reads += 1;
      if (reads === 1) throw new Error('ThrottlingException');
      return 'a-secret-from-ssm-0123456789';
    };
    const deps = paymentsDeps({ ...local, RAZORPAY_KEY_SECRET_PARAMETER: '/p/key' }, flaky);
    await expect(deps.gateway()).rejects.toThrow(/\/p\/key could not be read/);
    const [first, second] = [await deps.gateway(), await deps.gateway()];
    expect(first.config.keySecret).toBe('a-secret-from-ssm-0123456789');
    expect(second).toBe(first);
    expect(reads).toBe(2);
  });
});
