import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { CommandRefusedError } from '../../domain/decider';
import { webhookSignatureValid } from '../../domain/payments';
import { errorResponse } from '../http/httpHandler';
import { json, type HttpResult } from '../http/response';
import { lambdaHandler } from '../runtime/lambda';
import { logEventIds } from '../runtime/logger';
import type { PaymentsDeps } from './deps';
import { PaymentGatewayError, type PaymentGateway } from './gateway';
import { executePremiumCommand } from './premium';
import { commandOfWebhook, webhookSchema, type Webhook } from './webhookPayload';

const headerOf = (event: APIGatewayProxyEventV2, name: string): string | undefined => event.headers?.[name] ?? undefined;

/** The gateway's answer for an order id it never issued (Razorpay: 400 "The id provided does not exist"). */
const isUnknownOrder = (error: unknown): boolean => error instanceof PaymentGatewayError && (error.status === 400 || error.status === 404);

/**
 * Whose order: the gateway's own record (notes we set when creating it), not anything the payer could write.
 * Undefined for an order the gateway does not know or that Showrunner did not create.
 */
const ownerOfOrder = async (gateway: PaymentGateway, orderId: string): Promise<string | undefined> => {
  try {
    const order = await gateway.fetchOrder(orderId);
    return Array.isArray(order.notes) ? undefined : order.notes.userId;
  } catch (error) {
    if (isUnknownOrder(error)) return undefined;
    throw error;
  }
};

/** The signed body as a webhook; undefined when it is not JSON or not a payment event Showrunner reads. */
const webhookOf = (rawBody: Buffer): Webhook | undefined => {
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = webhookSchema.safeParse(body);
  return parsed.success ? parsed.data : undefined;
};

/**
 * POST /webhooks/razorpay. The signature is checked over the raw bytes before anything parses them; the event id
 * header is the command id, so a redelivered event appends nothing. A 2xx tells Razorpay to stop retrying: given
 * for events we handled or can never handle (a malformed body, an order not ours, a refusal: each recorded); a
 * failure of ours answers 5xx so Razorpay retries (for 24 h).
 */
export const razorpayWebhook = (deps: PaymentsDeps) => {
  const acknowledge = (eventId: string, event: string | undefined, reason: string, status = 'ignored'): HttpResult => {
    deps.recordRejection({ eventId, event, reason });
    return json(200, { status, reason });
  };

  const act = async (webhook: Webhook, eventId: string): Promise<HttpResult> => {
    const { config, gateway } = await deps.gateway();
    const wanted = commandOfWebhook(webhook, deps.clock().toISOString());
    if (wanted === undefined) return json(200, { status: 'ignored', reason: `${webhook.event} needs no action` });
    const userId = await ownerOfOrder(gateway, wanted.orderId);
    if (userId === undefined) return acknowledge(eventId, webhook.event, 'the order was not created by Showrunner');
    try {
      const handled = await executePremiumCommand(deps.store, config.keySecret, wanted.command(userId), {
        commandId: `webhook:${eventId}`,
        correlationId: eventId,
        actor: { id: 'razorpay', kind: 'service' },
      });
      return json(200, { status: handled.alreadyAppended ? 'duplicate' : 'processed', events: handled.events.map((e) => e.type) });
    } catch (error) {
      if (!(error instanceof CommandRefusedError)) throw error;
      return acknowledge(eventId, webhook.event, error.code, 'refused');
    }
  };

  const handle = async (event: APIGatewayProxyEventV2): Promise<HttpResult> => {
    const { config } = await deps.gateway();
    const rawBody = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
    const signature = headerOf(event, 'x-razorpay-signature') ?? '';
    if (!webhookSignatureValid({ webhookSecret: config.webhookSecret, rawBody, signature }))
      return json(400, { error: 'signature_invalid', message: 'X-Razorpay-Signature does not match the body' });
    const eventId = headerOf(event, 'x-razorpay-event-id');
    if (eventId === undefined || eventId === '') return json(400, { error: 'event_id_missing', message: 'x-razorpay-event-id is required' });
    logEventIds({ eventId, correlationId: eventId });
    const webhook = webhookOf(rawBody);
    if (webhook === undefined) return acknowledge(eventId, undefined, 'not a payment event Showrunner reads');
    return act(webhook, eventId);
  };

  return lambdaHandler(async (event: APIGatewayProxyEventV2): Promise<HttpResult> => {
    try {
      return await handle(event);
    } catch (error) {
      return errorResponse(error, event.headers ?? {});
    }
  });
};
