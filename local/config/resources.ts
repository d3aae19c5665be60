import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import type { BuildContext } from './context';
import { eventBusNameOf } from './functionEvents';
import { describeResource, resolveIntrinsics } from './intrinsics';
import type { LocalFunction, LocalService } from './model';
import { strictParse } from './strictParse';

const keySchema = z.array(z.strictObject({ AttributeName: z.string(), KeyType: z.enum(['HASH', 'RANGE']) })).min(1);
const throughput = z.looseObject({ ReadCapacityUnits: z.number(), WriteCapacityUnits: z.number() });
const projection = z.looseObject({ ProjectionType: z.enum(['ALL', 'KEYS_ONLY', 'INCLUDE']).optional(), NonKeyAttributes: z.array(z.string()).optional() });

const tablePropertiesSchema = z.looseObject({
  AttributeDefinitions: z.array(z.strictObject({ AttributeName: z.string(), AttributeType: z.enum(['S', 'N', 'B']) })).min(1),
  KeySchema: keySchema,
  BillingMode: z.enum(['PAY_PER_REQUEST', 'PROVISIONED']).optional(),
  ProvisionedThroughput: throughput.optional(),
  GlobalSecondaryIndexes: z
    .array(z.looseObject({ IndexName: z.string(), KeySchema: keySchema, Projection: projection, ProvisionedThroughput: throughput.optional() }))
    .optional(),
  LocalSecondaryIndexes: z.array(z.looseObject({ IndexName: z.string(), KeySchema: keySchema, Projection: projection })).optional(),
  StreamSpecification: z.looseObject({ StreamViewType: z.enum(['NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES', 'KEYS_ONLY']) }).optional(),
  TimeToLiveSpecification: z.looseObject({ AttributeName: z.string().min(1), Enabled: z.boolean() }).optional(),
});

const timeToLiveOf = (table: CreateTableCommandInput & { TableName: string }, properties: unknown, where: string): LocalService['timeToLive'] => {
  const ttl = strictParse(tablePropertiesSchema, properties, where).TimeToLiveSpecification;
  return ttl?.Enabled === true ? [{ tableName: table.TableName, attributeName: ttl.AttributeName }] : [];
};

const throughputOf = (value: z.infer<typeof throughput> | undefined) =>
  value === undefined ? {} : { ProvisionedThroughput: { ReadCapacityUnits: value.ReadCapacityUnits, WriteCapacityUnits: value.WriteCapacityUnits } };

/** AWS::DynamoDB::Table properties -> a CreateTable input (CloudFormation-only settings such as SSE and PITR dropped). */
const createTableInput = (name: string, properties: unknown, where: string): CreateTableCommandInput & { TableName: string } => {
  const table = strictParse(tablePropertiesSchema, properties, where);
  return {
    TableName: name,
    AttributeDefinitions: table.AttributeDefinitions,
    KeySchema: table.KeySchema,
    BillingMode: table.BillingMode ?? 'PROVISIONED',
    ...throughputOf(table.ProvisionedThroughput),
    ...(table.GlobalSecondaryIndexes === undefined
      ? {}
      : {
          GlobalSecondaryIndexes: table.GlobalSecondaryIndexes.map((index) => ({
            IndexName: index.IndexName,
            KeySchema: index.KeySchema,
            Projection: { ...(index.Projection.ProjectionType === undefined ? {} : { ProjectionType: index.Projection.ProjectionType }), ...(index.Projection.NonKeyAttributes === undefined ? {} : { NonKeyAttributes: index.Projection.NonKeyAttributes }) },
            ...throughputOf(index.ProvisionedThroughput),
          })),
        }),
    ...(table.LocalSecondaryIndexes === undefined
      ? {}
      : { LocalSecondaryIndexes: table.LocalSecondaryIndexes.map((index) => ({ IndexName: index.IndexName, KeySchema: index.KeySchema, Projection: index.Projection })) }),
    ...(table.StreamSpecification === undefined ? {} : { StreamSpecification: { StreamEnabled: true, StreamViewType: table.StreamSpecification.StreamViewType } }),
  };
};

const bucketNotificationSchema = z.looseObject({
  NotificationConfiguration: z.looseObject({ EventBridgeConfiguration: z.looseObject({ EventBridgeEnabled: z.boolean() }).optional() }).optional(),
});

const corsSchema = z.looseObject({ CorsConfiguration: z.looseObject({ CorsRules: z.array(z.unknown()) }).optional() });

/** The bucket's CORS rules, checked against the model when the service is parsed (a wrong rule fails the start). */
const corsRulesOf = (properties: unknown): { corsRules?: LocalService['buckets'][number]['corsRules'] } => {
  const rules = corsSchema.safeParse(properties ?? {}).data?.CorsConfiguration?.CorsRules;
  return rules === undefined ? {} : { corsRules: rules as LocalService['buckets'][number]['corsRules'] };
};

const lifecycleSchema = z.looseObject({
  LifecycleConfiguration: z.looseObject({ Rules: z.array(z.looseObject({ Status: z.string().optional(), AbortIncompleteMultipartUpload: z.looseObject({ DaysAfterInitiation: z.number() }).optional() })) }).optional(),
});

/** S3's AbortIncompleteMultipartUpload lifecycle action, which the local S3 applies with a sweep (local/s3/multipart.ts). */
const abortIncompleteOf = (properties: unknown): { abortIncompleteMultipartUploadDays?: number } => {
  const rules = lifecycleSchema.safeParse(properties ?? {}).data?.LifecycleConfiguration?.Rules ?? [];
  const days = rules.flatMap((rule) => (rule.Status !== 'Disabled' && rule.AbortIncompleteMultipartUpload !== undefined ? [rule.AbortIncompleteMultipartUpload.DaysAfterInitiation] : []));
  return days.length === 0 ? {} : { abortIncompleteMultipartUploadDays: Math.min(...days) };
};

const eventBridgeEnabled = (properties: unknown): boolean =>
  bucketNotificationSchema.safeParse(properties ?? {}).data?.NotificationConfiguration?.EventBridgeConfiguration?.EventBridgeEnabled === true;

const archivePropertiesSchema = z.looseObject({ ArchiveName: z.string().optional(), SourceArn: z.unknown(), EventPattern: z.unknown().optional() });

/** AWS::Events::Archive resources: the bus they record (SourceArn) and their optional event pattern. */
const normalizeArchives = (context: BuildContext, resources: [string, { Type: string; Properties?: Record<string, unknown> }][]): LocalService['archives'] =>
  resources
    .filter(([, resource]) => resource.Type === 'AWS::Events::Archive')
    .map(([logicalId, resource]) => {
      const where = `resources.Resources.${logicalId}.Properties`;
      const properties = strictParse(archivePropertiesSchema, resource.Properties ?? {}, where);
      const pattern = properties.EventPattern === undefined ? undefined : resolveIntrinsics(properties.EventPattern, context, `${where}.EventPattern`);
      return {
        logicalId,
        name: properties.ArchiveName ?? `${context.service}-${context.stage}-${logicalId}`,
        eventBusName: eventBusNameOf(properties.SourceArn, context, `${where}.SourceArn`),
        ...(pattern === undefined ? {} : { pattern: pattern as Record<string, unknown> }),
      };
    });

/** Tables, buckets and buses to create locally: declared resources plus those the framework creates from events. */
export const normalizeResources = (context: BuildContext, functions: readonly LocalFunction[]): Pick<LocalService, 'tables' | 'buckets' | 'buses' | 'archives' | 'timeToLive'> => {
  const resources = Object.entries(context.raw.resources?.Resources ?? {});
  const tableResources = resources
    .filter(([, resource]) => resource.Type === 'AWS::DynamoDB::Table')
    .map(([logicalId, resource]) => {
      const where = `resources.Resources.${logicalId}.Properties`;
      const table = createTableInput(describeResource(context, logicalId, resource.Type, resource.Properties ?? {}).ref, resource.Properties, where);
      return { table, timeToLive: timeToLiveOf(table, resource.Properties, where) };
    });
  const tables = tableResources.map((entry) => entry.table);
  const declaredBuckets = resources
    .filter(([, resource]) => resource.Type === 'AWS::S3::Bucket')
    .map(([logicalId, resource]) => ({
      logicalId,
      name: describeResource(context, logicalId, resource.Type, resource.Properties ?? {}).ref,
      eventBridge: eventBridgeEnabled(resource.Properties),
      ...corsRulesOf(resource.Properties),
      ...abortIncompleteOf(resource.Properties),
    }));
  const eventBuckets = functions.flatMap((fn) =>
    fn.events.flatMap((event) => (event.kind === 's3' && !event.existing ? [{ name: event.bucket, eventBridge: false }] : [])),
  );
  const declaredBuses = resources
    .filter(([, resource]) => resource.Type === 'AWS::Events::EventBus')
    .map(([logicalId, resource]) => ({ logicalId, name: describeResource(context, logicalId, resource.Type, resource.Properties ?? {}).ref }));
  // The framework creates a bus named in a function's eventBridge event when it is a plain name, not an ARN or intrinsic.
  const eventBuses = Object.values(context.raw.functions ?? {}).flatMap((fn) =>
    (fn.events ?? []).flatMap((event) => {
      const config = event.eventBridge;
      const bus = typeof config === 'object' && config !== null && 'eventBus' in config ? config.eventBus : undefined;
      return typeof bus === 'string' && !bus.startsWith('arn:') && bus !== 'default' ? [{ name: bus }] : [];
    }),
  );
  const unique = <T extends { name: string }>(items: T[]): T[] => items.filter((item, index) => items.findIndex((other) => other.name === item.name) === index);
  return { tables, timeToLive: tableResources.flatMap((entry) => entry.timeToLive), buckets: unique([...declaredBuckets, ...eventBuckets]), buses: unique([...declaredBuses, ...eventBuses]), archives: normalizeArchives(context, resources) };
};
