import middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { CommandRefusedError } from '../../domain/decider';
import { webhookSignatureValid } from '../../domain/payments';
import { errorResponse } from '../http/httpHandler';
import { logger } from '../runtime/logger';
import { json, type HttpResult } from '../http/response';
import { checkPaymentsSettings, paymentsDeps } from './deps';
import type { PaymentGateway } from './gateway';
import { executePremiumCommand } from './premium';
import { commandOfWebhook, webhookSchema } from './webhookPayload';

checkPaymentsSettings();

const headerOf = (event: APIGatewayProxyEventV2, name: string): string | undefined => event.headers?.[name] ?? undefined;

/** Whose order: the gateway's own record (notes we set when creating it), not anything the payer could write. */
const ownerOfOrder = async (gateway: PaymentGateway, orderId: string): Promise<string | undefined> => {
  const order = await gateway.fetchOrder(orderId);
  return Array.isArray(order.notes) ? undefined : order.notes.userId;
};

/**
 * POST /webhooks/razorpay. The signature is checked over the raw bytes before anything parses them; the event id
 * header is the command id, so a redelivered event appends nothing. A 2xx tells Razorpay to stop retrying: given
 * for events we handled or can never handle; a failure of ours answers 5xx so Razorpay retries (for 24 h).
 */
export const handler = middy(async (event: APIGatewayProxyEventV2): Promise<HttpResult> => {
  const headers = event.headers ?? {};
  try {
    const { config, gateway, store } = await paymentsDeps();
    const rawBody = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
    const signature = headerOf(event, 'x-razorpay-signature') ?? '';
    if (!webhookSignatureValid({ webhookSecret: config.webhookSecret, rawBody, signature }))
      return json(400, { error: 'signature_invalid', message: 'X-Razorpay-Signature does not match the body' });
    const eventId = headerOf(event, 'x-razorpay-event-id');
    if (eventId === undefined || eventId === '') return json(400, { error: 'event_id_missing', message: 'x-razorpay-event-id is required' });
    const parsed = webhookSchema.safeParse(JSON.parse(rawBody.toString('utf8')));
    if (!parsed.success) return json(200, { status: 'ignored', reason: 'not a payment event Showrunner reads' });
    const wanted = commandOfWebhook(parsed.data, new Date().toISOString());
    if (wanted === undefined) return json(200, { status: 'ignored', reason: `${parsed.data.event} needs no action` });
    const userId = await ownerOfOrder(gateway, wanted.orderId);
    if (userId === undefined) return json(200, { status: 'ignored', reason: 'the order was not created by Showrunner' });
    try {
      const handled = await executePremiumCommand(store, config.keySecret, wanted.command(userId), {
        commandId: `webhook:${eventId}`,
        correlationId: eventId,
        actor: { id: 'razorpay', kind: 'service' },
      });
      return json(200, { status: handled.alreadyAppended ? 'duplicate' : 'processed', events: handled.events.map((e) => e.type) });
    } catch (error) {
      if (!(error instanceof CommandRefusedError)) throw error;
      logger.warn('webhook refused', { eventId, event: parsed.data.event, code: error.code });
      return json(200, { status: 'refused', reason: error.code });
    }
  } catch (error) {
    return errorResponse(error, headers);
  }
});
