import { boundedContexts } from '../../events/envelope';
import type { ContractJsonSchema } from '../../events/jsonSchema';

type Json = Record<string, unknown>;

const messageKey = (schema: ContractJsonSchema) => `${schema.type}.v${schema.schemaVersion}`;

/**
 * The bus as an AsyncAPI 3 document: one channel per EventBridge source (`showrunner.<context>`), one message
 * per event type at its current schema version, whose payload is the published JSON Schema (draft-04, the
 * form the EventBridge Schema Registry takes) of the whole `detail`. Consumers match on `detail-type`.
 */
export const busAsyncApi = (schemas: readonly ContractJsonSchema[], busName = 'showrunner-<stage>'): Json => {
  const contexts = boundedContexts.filter((context) => schemas.some((s) => s.context === context));
  const inContext = (context: string) => schemas.filter((s) => s.context === context);
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Showrunner events',
      version: '1.0.0',
      description:
        `Every event committed to Showrunner's event store, published on the EventBridge bus ${busName} in order per stream, ` +
        'at least once: drop duplicates by detail.eventId, or by (detail.streamId, detail.version). The bus has an archive for replays. ' +
        'A schema version never changes once published; a new shape is a new schemaVersion under the same detail-type.',
    },
    defaultContentType: 'application/json',
    servers: {
      eventBridge: { host: 'events.{region}.amazonaws.com', protocol: 'https', description: `Amazon EventBridge, bus ${busName}`, variables: { region: { default: 'eu-west-1' } } },
    },
    channels: Object.fromEntries(
      contexts.map((context) => [
        `showrunner.${context}`,
        {
          address: `showrunner.${context}`,
          title: `${context} events`,
          description: `EventBridge source showrunner.${context}; the detail-type names the event.`,
          messages: Object.fromEntries(inContext(context).map((s) => [messageKey(s), { $ref: `#/components/messages/${messageKey(s)}` }])),
        },
      ]),
    ),
    operations: Object.fromEntries(
      contexts.map((context) => [
        `publish.${context}`,
        {
          action: 'send',
          channel: { $ref: `#/channels/showrunner.${context}` },
          messages: inContext(context).map((s) => ({ $ref: `#/channels/showrunner.${context}/messages/${messageKey(s)}` })),
        },
      ]),
    ),
    components: {
      messages: Object.fromEntries(
        schemas.map((s) => [
          messageKey(s),
          {
            name: s.type,
            title: `${s.type} v${s.schemaVersion}`,
            summary: s.description,
            contentType: 'application/json',
            headers: { type: 'object', properties: { 'detail-type': { const: s.type }, source: { const: `showrunner.${s.context}` } } },
            payload: { schemaFormat: 'application/schema+json;version=draft-04', schema: s.detailSchema },
          },
        ]),
      ),
    },
  };
};
