import { createHmac, timingSafeEqual } from 'node:crypto';

/** hex(HMAC-SHA256(secret, message)): the form of every Razorpay signature. */
export const hmacHex = (secret: string, message: string | Buffer): string => createHmac('sha256', secret).update(message).digest('hex');

/** Compares in constant time for equal lengths, so a forger learns nothing from how long a refusal took. */
const sameHex = (expected: string, given: string): boolean => {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * Checkout's signature: HMAC over `<order id>|<payment id>` with the key secret. `orderId` must be the id the
 * server stored for this user, never the one the client sent back unchecked.
 */
export const paymentSignatureValid = (input: { keySecret: string; orderId: string; paymentId: string; signature: string }): boolean =>
  sameHex(hmacHex(input.keySecret, `${input.orderId}|${input.paymentId}`), input.signature);

/** A webhook's X-Razorpay-Signature: HMAC over the raw body bytes with the webhook secret (not the key secret). */
export const webhookSignatureValid = (input: { webhookSecret: string; rawBody: string | Buffer; signature: string }): boolean =>
  sameHex(hmacHex(input.webhookSecret, input.rawBody), input.signature);
