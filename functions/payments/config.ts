import * as z from 'zod';
import { defaultPriceList, type PriceList } from '../../domain/payments';
import { ConfigurationError, readConfig } from '../runtime/config';
import { resolveSecret, secretReference, ssmParameters, type ParameterReader, type SecretReference } from '../runtime/secrets';

/** "1:9900,3:28900,6:56900,12:89900": smallest currency unit per plan (months). */
const pricesSchema = z
  .string()
  .regex(/^(?:(?:1|3|6|12):\d+,?)+$/, 'use "1:9900,3:28900,6:56900,12:89900"')
  .transform((text) => Object.fromEntries(text.split(',').filter(Boolean).map((pair) => pair.split(':').map(Number))) as Record<string, number>)
  .pipe(z.strictObject({ 1: z.number().int().min(100), 3: z.number().int().min(100), 6: z.number().int().min(100), 12: z.number().int().min(100) }));

const settingsSchema = z.object({
  RAZORPAY_API_URL: z.url().default('https://api.razorpay.com'),
  RAZORPAY_KEY_ID: z.string().min(1),
  PREMIUM_CURRENCY: z.string().regex(/^[A-Z]{3}$/).default(defaultPriceList.currency),
  PREMIUM_PRICES: pricesSchema.optional(),
});

/** What the secrets must satisfy once read, wherever they came from. */
const secretsSchema = z
  .object({ apiUrl: z.string(), keySecret: z.string().min(16, 'the key secret is too short'), webhookSecret: z.string().min(16, 'the webhook secret is too short') })
  // The documented local secrets are public: with them, anyone could sign a confirmation or a webhook.
  .refine((c) => !/do-not-use-on-aws/.test(c.keySecret + c.webhookSecret) || /^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(c.apiUrl), {
    message: 'the local default Razorpay secrets only work with a local gateway: set RAZORPAY_KEY_SECRET_PARAMETER and RAZORPAY_WEBHOOK_SECRET_PARAMETER',
  })
  // Razorpay's guidance: the webhook secret must not be the key secret.
  .refine((c) => c.keySecret !== c.webhookSecret, { message: 'the webhook secret must differ from the key secret' });

export interface PaymentsSettings {
  readonly apiUrl: string;
  readonly keyId: string;
  readonly keySecret: SecretReference;
  readonly webhookSecret: SecretReference;
  readonly prices: PriceList;
}

export interface PaymentsConfig {
  readonly apiUrl: string;
  readonly keyId: string;
  readonly keySecret: string;
  readonly webhookSecret: string;
  readonly prices: PriceList;
}

const required = (env: Readonly<Record<string, string | undefined>>, name: string): SecretReference => {
  const reference = secretReference(env, name);
  if (reference === undefined) throw new ConfigurationError('payments configuration', `set ${name}_PARAMETER (an SSM SecureString name) or, locally, ${name}`);
  return reference;
};

/** Everything but the secrets' values: checked at module load, so a function missing a variable fails at once. */
export const readPaymentsSettings = (env: Readonly<Record<string, string | undefined>>): PaymentsSettings => {
  const c = readConfig(settingsSchema, env, 'payments configuration');
  return {
    apiUrl: c.RAZORPAY_API_URL,
    keyId: c.RAZORPAY_KEY_ID,
    keySecret: required(env, 'RAZORPAY_KEY_SECRET'),
    webhookSecret: required(env, 'RAZORPAY_WEBHOOK_SECRET'),
    prices: { currency: c.PREMIUM_CURRENCY, amounts: c.PREMIUM_PRICES ?? defaultPriceList.amounts },
  };
};

/**
 * The configuration with its secrets read (from SSM on AWS, decrypted and cached by Powertools) and checked. The
 * secrets stay in this object and are never logged; errors name variables and parameters, never values.
 */
export const loadPaymentsConfig = async (env: Readonly<Record<string, string | undefined>>, read: ParameterReader = ssmParameters): Promise<PaymentsConfig> => {
  const settings = readPaymentsSettings(env);
  const [keySecret, webhookSecret] = await Promise.all([resolveSecret(settings.keySecret, read), resolveSecret(settings.webhookSecret, read)]);
  const checked = secretsSchema.safeParse({ apiUrl: settings.apiUrl, keySecret, webhookSecret });
  if (!checked.success) throw new ConfigurationError('payments configuration', checked.error.issues.map((i) => i.message).join('; '));
  return { apiUrl: settings.apiUrl, keyId: settings.keyId, keySecret, webhookSecret, prices: settings.prices };
};
