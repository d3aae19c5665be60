import type { S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import type { EventStore } from '../../adapters/eventstore';
import { systemClock, type Clock } from '../runtime/clock';
import { readConfig, type Env } from '../runtime/config';
import { eventStore } from '../runtime/eventStore';
import { s3Client } from '../runtime/sdk/s3';

/** The ports of the captions functions: the show's stream, and the media bucket the caption files and manifests live in. */
export interface CaptionsDeps {
  readonly store: EventStore;
  readonly s3: Pick<S3Client, 'send'>;
  readonly mediaBucket: string;
  readonly clock?: Clock;
}

const configSchema = z.object({ MEDIA_BUCKET: z.string().min(1) });

/** The captions' composition root: config read and validated once, at load; clients created once per container. */
export const captionsDeps = (env: Env = process.env): CaptionsDeps => {
  const config = readConfig(configSchema, env, 'captions configuration');
  return { store: eventStore(env), s3: s3Client(), mediaBucket: config.MEDIA_BUCKET, clock: systemClock };
};
