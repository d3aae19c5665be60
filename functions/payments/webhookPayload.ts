import * as z from 'zod';
import type { PremiumCommand } from '../../domain/payments';

const paymentEntity = z.looseObject({
  id: z.string().min(1),
  amount: z.number().int(),
  currency: z.string(),
  order_id: z.string().min(1).nullable(),
  error_description: z.string().nullable().optional(),
});
const refundEntity = z.looseObject({ id: z.string().min(1), amount: z.number().int(), payment_id: z.string().min(1) });

/** Razorpay's webhook envelope, only the parts Showrunner acts on; anything else passes untouched. */
export const webhookSchema = z.looseObject({
  event: z.string(),
  payload: z.looseObject({
    payment: z.looseObject({ entity: paymentEntity }).optional(),
    refund: z.looseObject({ entity: refundEntity }).optional(),
  }),
});
export type Webhook = z.infer<typeof webhookSchema>;

/** The command a webhook asks for, without the user (found from the order); undefined for events we ignore. */
export const commandOfWebhook = (webhook: Webhook, now: string): { orderId: string; command: (userId: string) => PremiumCommand } | undefined => {
  const payment = webhook.payload.payment?.entity;
  if (payment === undefined || payment.order_id === null) return undefined;
  const orderId = payment.order_id;
  const base = { now, orderId, paymentId: payment.id };
  switch (webhook.event) {
    // Both arrive for one payment, in either order; the decider counts the payment once.
    case 'payment.captured':
    case 'order.paid':
      return { orderId, command: (userId) => ({ ...base, userId, kind: 'RecordCapture', amount: payment.amount, currency: payment.currency }) };
    case 'payment.failed':
      return { orderId, command: (userId) => ({ ...base, userId, kind: 'RecordFailure', reason: (payment.error_description ?? 'failed').slice(0, 500) }) };
    case 'refund.processed':
    case 'payment.refunded': {
      const refund = webhook.payload.refund?.entity;
      return {
        orderId,
        command: (userId) => ({ ...base, userId, kind: 'RecordRefund', refundId: refund?.id ?? `rfnd_of_${payment.id}`, amount: refund?.amount ?? payment.amount }),
      };
    }
    // payment.authorized and the rest grant nothing: a capture always follows an authorization that matters.
    default:
      return undefined;
  }
};
