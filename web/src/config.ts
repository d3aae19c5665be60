// zod's mini build: the same checks at a fraction of the weight every page ships.
import { z } from 'zod/mini';

/**
 * The app's settings, read at load from /config.json beside index.html: written by the deploy on AWS and by
 * `npm start` locally, so one build serves every stage.
 */
const configSchema = z.object({
  apiUrl: z.url(),
  /** Where the buyer's browser pays an order: the local payment simulator's checkout (through the web server). */
  checkoutUrl: z._default(z.nullable(z.url()), null),
  /** Which checkout the premium page opens: the simulator's (locally) or Razorpay Checkout's checkout.js (on AWS). */
  paymentGateway: z._default(z.enum(['simulator', 'razorpay']), 'simulator'),
  /** On AWS: the user pool the API signs in against (for a hosted UI later); null locally. */
  cognito: z._default(z.nullable(z.object({ region: z.string(), userPoolId: z.string(), clientId: z.string() })), null),
  /** Reported with every QoS event as its `cdn`. */
  cdn: z._default(z.string().check(z.minLength(1), z.maxLength(64)), 'local'),
});
export type AppConfig = z.output<typeof configSchema>;

export const loadConfig = async (): Promise<AppConfig> => {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json could not be read (HTTP ${response.status}): the app was served without its settings`);
  const parsed = configSchema.safeParse(await response.json());
  if (!parsed.success) throw new Error(`config.json is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
};
