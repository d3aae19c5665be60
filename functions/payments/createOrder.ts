import { z } from 'zod';
import { planMonthsSchema } from '../../domain/payments';
import { httpHandler } from '../http/httpHandler';
import { json } from '../http/response';
import { checkPaymentsSettings, paymentsDeps } from './deps';
import { executePremiumCommand } from './premium';

checkPaymentsSettings();

/**
 * POST /premium/orders {"months": 1|3|6|12}: the price is the server's, never the client's. The gateway order
 * carries the user id in its notes, so a webhook can find whose order it is by asking the gateway.
 */
export const handler = httpHandler({ body: z.strictObject({ months: planMonthsSchema }), access: { roles: [] } }, async ({ body, caller, requestId, now }) => {
  const { config, gateway, store } = await paymentsDeps();
  const userId = caller?.userId ?? '';
  const amount = config.prices.amounts[body.months];
  const receipt = `premium-${requestId}`.slice(0, 40);
  const order = await gateway.createOrder({ amount, currency: config.prices.currency, receipt, notes: { userId, months: String(body.months) } });
  await executePremiumCommand(
    store,
    config.keySecret,
    { kind: 'RecordOrder', userId, now, orderId: order.id, months: body.months, amount, currency: config.prices.currency, receipt },
    { commandId: `order:${order.id}`, correlationId: requestId, actor: { id: userId, kind: 'user' } },
  );
  // What the browser's checkout needs: the order, and the public key id (never the secret).
  return json(201, { orderId: order.id, amount, currency: config.prices.currency, months: body.months, keyId: config.keyId });
});
