import { tracer } from './tracer';

/**
 * The one way a handler gets an AWS SDK client: created on first use (most functions need one or two of them),
 * kept for the container's life so connections are reused, and traced, so every call is an X-Ray subsegment of the
 * invocation. Endpoints come from the SDK's own `AWS_ENDPOINT_URL_<SERVICE>` variables, so the code that runs on AWS
 * runs against the local cloud unchanged.
 *
 * @example
 * export const sfnClient = sdkClient(() => new SFNClient({}));
 */
export const sdkClient = <Client extends object>(create: () => Client): (() => Client) => {
  let client: Client | undefined;
  return () => (client ??= tracer.captureAWSv3Client(create()));
};
