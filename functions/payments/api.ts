import { CommandRefusedError } from '../../domain/decider';
import { premiumRefusalCodes } from '../../domain/payments';
import { HttpError } from '../http/errors';
import { httpHandler } from '../http/httpHandler';
import { json } from '../http/response';
import type { PaymentsDeps } from './deps';
import { executePremiumCommand, loadPremium } from './premium';
import { paymentRoutes } from './routes';
import { razorpayWebhook } from './webhook';


/** Refusals a client can act on, with the status that says whose mistake it is. */
const statusOf: Record<string, number> = {
  [premiumRefusalCodes.orderNotFound]: 404,
  [premiumRefusalCodes.signatureInvalid]: 400,
  [premiumRefusalCodes.amountMismatch]: 400,
};

/**
 * The payment routes over their ports: each function's entry module (entries/) wires them to this container's event
 * store, gateway and secrets, tests to fakes and their own tables.
 */
export const paymentsApi = (deps: PaymentsDeps) => ({
  /**
   * POST /premium/orders {"months": 1|3|6|12}: the price is the server's, never the client's. The gateway order
   * carries the user id in its notes, so a webhook can find whose order it is by asking the gateway.
   */
  createOrder: httpHandler({ ...paymentRoutes.createOrder, clock: deps.clock }, async ({ body, caller, requestId, now }) => {
    const { config, gateway } = await deps.gateway();
    const userId = caller?.userId ?? '';
    const amount = config.prices.amounts[body.months];
    const receipt = `premium-${requestId}`.slice(0, 40);
    const order = await gateway.createOrder({ amount, currency: config.prices.currency, receipt, notes: { userId, months: String(body.months) } });
    await executePremiumCommand(
      deps.store,
      config.keySecret,
      { kind: 'RecordOrder', userId, now, orderId: order.id, months: body.months, amount, currency: config.prices.currency, receipt },
      { commandId: `order:${order.id}`, correlationId: requestId, actor: { id: userId, kind: 'user' } },
    );
    // What the browser's checkout needs: the order, and the public key id (never the secret).
    return json(201, { orderId: order.id, amount, currency: config.prices.currency, months: body.months, keyId: config.keyId });
  }),

  /**
   * POST /premium/confirm: checkout's answer, trusted only when its signature is the HMAC of the order stored for
   * this caller and the payment id. The command id is the payment's, so two confirmations of one payment racing
   * each other append once (the loser's retry finds the winner's events).
   */
  confirm: httpHandler({ ...paymentRoutes.confirm, clock: deps.clock }, async ({ body, caller, requestId, now }) => {
    const { config } = await deps.gateway();
    const userId = caller?.userId ?? '';
    const { razorpay_order_id: orderId, razorpay_payment_id: paymentId, razorpay_signature: signature } = body;
    try {
      await executePremiumCommand(deps.store, config.keySecret, { kind: 'ConfirmPayment', userId, now, orderId, paymentId, signature }, {
        commandId: `capture:${orderId}:${paymentId}`,
        correlationId: requestId,
        actor: { id: userId, kind: 'user' },
      });
    } catch (error) {
      if (error instanceof CommandRefusedError) throw new HttpError(statusOf[error.code] ?? 409, error.code, error.message);
      throw error;
    }
    const state = await loadPremium(deps.store, userId);
    return json(200, { orderId, paymentId, premium: { endsAt: state.endsAt } });
  }),

  webhook: razorpayWebhook(deps),
});
