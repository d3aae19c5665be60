import { z } from 'zod';
import type { BuildContext } from './context';
import { describeResource, resolveIntrinsics } from './intrinsics';
import type { LocalService } from './model';
import { strictParse } from './strictParse';

/** The attributes CreateQueue takes that a local queue honours; CloudFormation-only ones (SSE, tags) are dropped. */
const honoured = ['DelaySeconds', 'MaximumMessageSize', 'MessageRetentionPeriod', 'ReceiveMessageWaitTimeSeconds', 'VisibilityTimeout'] as const;

const queuePropertiesSchema = z.looseObject(Object.fromEntries(honoured.map((name) => [name, z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).optional()])));

/** AWS::SQS::Queue resources: each queue's name (as its Ref and Arn name it) and the attributes it is created with. */
export const normalizeQueues = (context: BuildContext): LocalService['queues'] =>
  Object.entries(context.raw.resources?.Resources ?? {})
    .filter(([, resource]) => resource.Type === 'AWS::SQS::Queue')
    .map(([logicalId, resource]) => {
      const where = `resources.Resources.${logicalId}.Properties`;
      const properties = strictParse(queuePropertiesSchema, resolveIntrinsics(resource.Properties ?? {}, context, where) ?? {}, where);
      const attributes = Object.fromEntries(honoured.flatMap((name) => (properties[name] === undefined ? [] : [[name, String(properties[name])]])));
      return { logicalId, name: describeResource(context, logicalId, resource.Type, resource.Properties ?? {}).attributes.QueueName ?? logicalId, attributes };
    });
