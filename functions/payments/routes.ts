import * as z from 'zod';
import { planMonthsSchema } from '../../domain/payments/plans';
import { playbackGrantSchema } from '../delivery/grantSchema';
import { route } from '../http/route';

const tag = 'Premium';
const gatewayId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_]+$/);

export const createOrderBodySchema = z.strictObject({ months: planMonthsSchema });
export const confirmBodySchema = z.strictObject({ razorpay_order_id: gatewayId, razorpay_payment_id: gatewayId, razorpay_signature: z.string().regex(/^[0-9a-f]{1,128}$/) });
export const playbackPathSchema = z.strictObject({ showId: z.string().min(1).max(128) });

/** Razorpay's webhook body as far as Showrunner reads it; the signature is checked over the raw bytes first. */
const webhookBodySchema = z.looseObject({ event: z.string(), payload: z.looseObject({}) }).describe('a Razorpay webhook event (payment.captured, payment.failed, refund.processed...)');
const webhookHeadersSchema = z.strictObject({
  'x-razorpay-signature': z.string().describe('HMAC-SHA256 of the raw body with the webhook secret, hex'),
  'x-razorpay-event-id': z.string().describe('Razorpay\'s event id: a redelivered event is acknowledged and appends nothing'),
});

/** Buying premium and playing what it grants. */
export const paymentRoutes = {
  createOrder: route({
    routeKey: 'POST /premium/orders', operationId: 'createPremiumOrder', tag, access: { roles: [] }, body: createOrderBodySchema,
    summary: 'Start buying premium for 1, 3, 6 or 12 months: a gateway order for the browser\'s checkout',
    bodyExample: { months: 1 },
    responses: {
      201: {
        description: 'the order and the public key id the checkout needs (the price is the server\'s)',
        schema: z.strictObject({ orderId: z.string(), amount: z.number().int(), currency: z.string(), months: planMonthsSchema, keyId: z.string() }),
      },
    },
  }),
  confirm: route({
    routeKey: 'POST /premium/confirm', operationId: 'confirmPremiumPayment', tag, access: { roles: [] }, body: confirmBodySchema,
    summary: 'Confirm a payment with the checkout\'s signed answer; premium starts when the signature holds',
    responses: {
      200: { description: 'paid: premium until endsAt', schema: z.strictObject({ orderId: z.string(), paymentId: z.string(), premium: z.strictObject({ endsAt: z.string().nullable() }) }) },
      404: { description: 'no such order of this caller' },
      409: { description: 'the order refuses this payment: `message` says why' },
    },
  }),
  webhook: route({
    routeKey: 'POST /webhooks/razorpay', operationId: 'razorpayWebhook', tag, access: 'public', body: webhookBodySchema, headers: webhookHeadersSchema,
    summary: 'Razorpay\'s webhook: captured, failed and refunded payments',
    description: 'Any correctly signed event is acknowledged with 200 (processed, duplicate, ignored or refused, and why), so Razorpay stops retrying; a failure of ours answers 5xx so Razorpay retries.',
    responses: {
      200: { description: 'acknowledged', schema: z.strictObject({ status: z.enum(['processed', 'duplicate', 'ignored', 'refused']), reason: z.string().optional(), events: z.array(z.string()).optional() }) },
    },
  }),
  playback: route({
    routeKey: 'GET /shows/{showId}/playback', operationId: 'playShow', tag, access: { roles: [] }, path: playbackPathSchema,
    summary: 'A short-lived grant to play a show: every object a player fetches (master, variant playlists, segments)',
    responses: {
      200: {
        description: 'the grant: signed URLs (and on AWS signed cookies and a query string for CloudFront)',
        schema: playbackGrantSchema.extend({ showId: z.string(), premium: z.boolean() }),
      },
      403: { description: 'this caller may not play it: `error` says why (not published, premium needed...)' },
      404: { description: 'no such show, or a private one the caller may not see' },
      409: { description: 'its creator or an admin asked before any transcode of it finished: nothing to play yet' },
    },
  }),
};
