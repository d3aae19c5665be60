import * as z from 'zod';
import { configOnce } from '../runtime/config';

/**
 * Notices are off unless the operator configured an address (CREATOR_NOTICES_EMAIL, from SHOWRUNNER_CREATOR_NOTICES_EMAIL
 * when packaging): resources.yml subscribes it to CREATOR_NOTICES_TOPIC_ARN, and only then does the notifier send.
 */
export const notificationsConfig = configOnce(
  z
    .object({ CREATOR_NOTICES_EMAIL: z.string().default(''), CREATOR_NOTICES_TOPIC_ARN: z.string().default('') })
    .refine((config) => config.CREATOR_NOTICES_EMAIL === '' || config.CREATOR_NOTICES_TOPIC_ARN !== '', {
      message: 'CREATOR_NOTICES_EMAIL is set but CREATOR_NOTICES_TOPIC_ARN is not: give the function the topic',
    })
    .transform((config) => ({ topicArn: config.CREATOR_NOTICES_EMAIL === '' ? undefined : config.CREATOR_NOTICES_TOPIC_ARN })),
  'creator notices configuration',
);
