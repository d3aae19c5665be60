import * as z from 'zod';

const configSchema = z.object({
  EVENTS_TABLE: z.string().min(1),
  EVENT_BUS_NAME: z.string().min(1),
  /** The bucket S3 is probed with (HeadBucket): the media bucket players read from. */
  MEDIA_BUCKET: z.string().min(1),
  USER_POOL_ID: z.string().min(1),
  /** The queue SQS is probed with (GetQueueAttributes): the stream dead-letter queue. */
  STREAM_DEAD_LETTER_QUEUE_URL: z.url(),
  /**
   * Set only where the payment gateway is ours to watch (the local cloud's Razorpay simulator, which the local
   * runtime names here for every function): Razorpay's own API is a third party's, not a part of this system.
   */
  RAZORPAY_API_URL: z.url().optional(),
});
export type HealthConfig = z.infer<typeof configSchema>;

/** Read once at load: a function deployed without its variables fails at its first cold start, saying which. */
export const readHealthConfig = (env: Readonly<Record<string, string | undefined>>): HealthConfig => {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`health: missing or invalid environment: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  }
  return parsed.data;
};
