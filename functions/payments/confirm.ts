import { z } from 'zod';
import { CommandRefusedError } from '../../domain/decider';
import { premiumRefusalCodes } from '../../domain/payments';
import { HttpError } from '../http/errors';
import { httpHandler } from '../http/httpHandler';
import { json } from '../http/response';
import { checkPaymentsSettings, paymentsDeps } from './deps';
import { executePremiumCommand, loadPremium } from './premium';

checkPaymentsSettings();

const gatewayId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_]+$/);

/** Refusals a client can act on, with the status that says whose mistake it is. */
const statusOf: Record<string, number> = {
  [premiumRefusalCodes.orderNotFound]: 404,
  [premiumRefusalCodes.signatureInvalid]: 400,
  [premiumRefusalCodes.amountMismatch]: 400,
};

/**
 * POST /premium/confirm: checkout's answer, trusted only when its signature is the HMAC of the order stored for
 * this caller and the payment id. The command id is the payment's, so two confirmations of one payment racing
 * each other append once (the loser's retry finds the winner's events).
 */
export const handler = httpHandler(
  { body: z.strictObject({ razorpay_order_id: gatewayId, razorpay_payment_id: gatewayId, razorpay_signature: z.string().regex(/^[0-9a-f]{1,128}$/) }), access: { roles: [] } },
  async ({ body, caller, requestId, now }) => {
    const { config, store } = await paymentsDeps();
    const userId = caller?.userId ?? '';
    const { razorpay_order_id: orderId, razorpay_payment_id: paymentId, razorpay_signature: signature } = body;
    try {
      await executePremiumCommand(store, config.keySecret, { kind: 'ConfirmPayment', userId, now, orderId, paymentId, signature }, {
        commandId: `capture:${orderId}:${paymentId}`,
        correlationId: requestId,
        actor: { id: userId, kind: 'user' },
      });
    } catch (error) {
      if (error instanceof CommandRefusedError) throw new HttpError(statusOf[error.code] ?? 409, error.code, error.message);
      throw error;
    }
    const state = await loadPremium(store, userId);
    return json(200, { orderId, paymentId, premium: { endsAt: state.endsAt } });
  },
);
