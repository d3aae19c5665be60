import * as z from 'zod';

/**
 * The bounded contexts that publish events. Each becomes an EventBridge source `showrunner.<context>`,
 * which downstream rules match on, so a name here is a public contract: add, never rename.
 */
export const boundedContexts = ['catalog', 'accounts', 'payments', 'playback'] as const;
export type BoundedContext = (typeof boundedContexts)[number];

export const actorSchema = z.strictObject({
  id: z.string().min(1),
  kind: z.enum(['user', 'service', 'system']),
});
export type Actor = z.infer<typeof actorSchema>;

/**
 * What every stored and published event carries, whatever its type. `commandId` is the id of the command
 * that produced the event: the event store recognises a retried command by it.
 */
export const envelopeSchema = z.strictObject({
  eventId: z.string().min(1),
  streamId: z.string().min(1),
  version: z.number().int().positive(),
  type: z.string().min(1),
  schemaVersion: z.number().int().positive(),
  context: z.enum(boundedContexts),
  occurredAt: z.iso.datetime({ offset: true }),
  commandId: z.string().min(1),
  correlationId: z.string().min(1),
  causationId: z.string().min(1),
  actor: actorSchema,
  data: z.unknown(),
});
export type EventEnvelope<TType extends string = string, TData = unknown> = Omit<
  z.infer<typeof envelopeSchema>,
  'type' | 'data'
> & { readonly type: TType; readonly data: TData };

/** The EventBridge entry form of an envelope: source names the context, detail-type the event. */
export const toEventBridgeEntry = (event: EventEnvelope, eventBusName: string) => ({
  EventBusName: eventBusName,
  Source: `showrunner.${event.context}`,
  DetailType: event.type,
  Detail: JSON.stringify(event),
  Time: new Date(event.occurredAt),
  Resources: [],
});
