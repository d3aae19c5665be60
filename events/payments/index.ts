import * as z from 'zod';
import { userIdSchema } from '../accounts';
import { defineEvent } from '../contract';

const gatewayId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_]+$/, 'a gateway id such as order_Abc123');
/** Smallest currency unit (paise for INR), as the Orders API counts. */
const amount = z.number().int().positive();
const currency = z.string().regex(/^[A-Z]{3}$/);
const instant = z.iso.datetime({ offset: true });

export const premiumOrderCreated = defineEvent({
  type: 'PremiumOrderCreated',
  context: 'payments',
  schemaVersion: 1,
  description: 'The gateway created an order for a premium plan; only its owner can pay it into a subscription.',
  schema: z.strictObject({
    userId: userIdSchema,
    orderId: gatewayId,
    months: z.union([z.literal(1), z.literal(3), z.literal(6), z.literal(12)]),
    amount,
    currency,
    receipt: z.string().min(1).max(40),
  }),
});

export const paymentCaptured = defineEvent({
  type: 'PaymentCaptured',
  context: 'payments',
  schemaVersion: 1,
  description: 'A payment of the full order amount was verified (checkout signature or signed webhook).',
  schema: z.strictObject({ userId: userIdSchema, orderId: gatewayId, paymentId: gatewayId, amount, currency, via: z.enum(['checkout', 'webhook']) }),
});

export const subscriptionExtended = defineEvent({
  type: 'SubscriptionExtended',
  context: 'payments',
  schemaVersion: 1,
  description: 'A captured payment bought premium from startsAt (the later of payment time and the previous end) to endsAt.',
  schema: z.strictObject({ userId: userIdSchema, orderId: gatewayId, paymentId: gatewayId, startsAt: instant, endsAt: instant }),
});

export const paymentFailed = defineEvent({
  type: 'PaymentFailed',
  context: 'payments',
  schemaVersion: 1,
  description: 'The gateway reported a payment attempt on the order as failed; nothing was granted.',
  schema: z.strictObject({ userId: userIdSchema, orderId: gatewayId, paymentId: gatewayId, reason: z.string().max(500) }),
});

export const paymentRefunded = defineEvent({
  type: 'PaymentRefunded',
  context: 'payments',
  schemaVersion: 1,
  description: 'The gateway refunded a payment; the premium period it bought ends with it.',
  schema: z.strictObject({ userId: userIdSchema, orderId: gatewayId, paymentId: gatewayId, refundId: gatewayId, amount }),
});

export const subscriptionShortened = defineEvent({
  type: 'SubscriptionShortened',
  context: 'payments',
  schemaVersion: 1,
  description: 'The unused part of a refunded payment\'s period was taken off: the subscription now ends at endsAt.',
  schema: z.strictObject({ userId: userIdSchema, paymentId: gatewayId, endsAt: instant }),
});

export const paymentContracts = [premiumOrderCreated, paymentCaptured, subscriptionExtended, paymentFailed, paymentRefunded, subscriptionShortened] as const;
