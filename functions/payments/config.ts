import { z } from 'zod';
import { defaultPriceList, type PriceList } from '../../domain/payments';
import { readConfig } from '../shared/eventStore';

/** "1:9900,3:28900,6:56900,12:89900": smallest currency unit per plan (months). */
const pricesSchema = z
  .string()
  .regex(/^(?:(?:1|3|6|12):\d+,?)+$/, 'use "1:9900,3:28900,6:56900,12:89900"')
  .transform((text) => Object.fromEntries(text.split(',').filter(Boolean).map((pair) => pair.split(':').map(Number))) as Record<string, number>)
  .pipe(z.strictObject({ 1: z.number().int().min(100), 3: z.number().int().min(100), 6: z.number().int().min(100), 12: z.number().int().min(100) }));

const paymentsConfigSchema = z
  .object({
    RAZORPAY_API_URL: z.url().default('https://api.razorpay.com'),
    RAZORPAY_KEY_ID: z.string().min(1),
    RAZORPAY_KEY_SECRET: z.string().min(16),
    RAZORPAY_WEBHOOK_SECRET: z.string().min(16),
    PREMIUM_CURRENCY: z.string().regex(/^[A-Z]{3}$/).default(defaultPriceList.currency),
    PREMIUM_PRICES: pricesSchema.optional(),
  })
  // The documented local secrets are public: with them, anyone could sign a confirmation or a webhook.
  .refine((c) => !/do-not-use-on-aws/.test(c.RAZORPAY_KEY_SECRET + c.RAZORPAY_WEBHOOK_SECRET) || /^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(c.RAZORPAY_API_URL), {
    message: 'the local default Razorpay secrets only work with a local gateway: set RAZORPAY_KEY_SECRET and RAZORPAY_WEBHOOK_SECRET',
  })
  // Razorpay's guidance: the webhook secret must not be the key secret.
  .refine((c) => c.RAZORPAY_KEY_SECRET !== c.RAZORPAY_WEBHOOK_SECRET, { message: 'RAZORPAY_WEBHOOK_SECRET must differ from RAZORPAY_KEY_SECRET' });

export interface PaymentsConfig {
  readonly apiUrl: string;
  readonly keyId: string;
  readonly keySecret: string;
  readonly webhookSecret: string;
  readonly prices: PriceList;
}

/** Read once per container; the secrets stay in this object and are never logged. */
export const readPaymentsConfig = (env: Readonly<Record<string, string | undefined>>): PaymentsConfig => {
  const c = readConfig(paymentsConfigSchema, env, 'payments configuration');
  return {
    apiUrl: c.RAZORPAY_API_URL,
    keyId: c.RAZORPAY_KEY_ID,
    keySecret: c.RAZORPAY_KEY_SECRET,
    webhookSecret: c.RAZORPAY_WEBHOOK_SECRET,
    prices: { currency: c.PREMIUM_CURRENCY, amounts: c.PREMIUM_PRICES ?? defaultPriceList.amounts },
  };
};
