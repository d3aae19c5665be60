/** The credentials every local process uses: s3rver accepts only this key; the other parts accept any. */
export const localCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export interface LocalEndpoints {
  readonly api: string;
  readonly eventbridge: string;
  readonly sfn: string;
  readonly dynamodb: string;
  readonly s3: string;
  /** Cognito's API (the edge port), AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER. */
  readonly cognito: string;
  /** GetJob and ListJobs of the local MediaConvert, AWS_ENDPOINT_URL_MEDIACONVERT. */
  readonly mediaconvert: string;
  /** The Razorpay simulator (Orders API and checkout), RAZORPAY_API_URL of the payment functions. */
  readonly payments: string;
  /** SQS (serverless.yml's queues: the stream dead-letter queue), AWS_ENDPOINT_URL_SQS. */
  readonly sqs: string;
  /** Lambda's Invoke API (the dead-letter redrive re-invokes a stream consumer), AWS_ENDPOINT_URL_LAMBDA. */
  readonly lambda: string;
  /** The media distribution's local stand-in (local/playback), where playback grants and thumbnail URLs point; absent without a distribution. */
  readonly playback?: string;
  /** The web app, when this stack serves it (`npm start` does; tests ask for it). */
  readonly web?: string;
}

/** The environment the AWS SDK reads in every handler: the same code reaches AWS or these local parts. */
export const sdkEnvironment = (endpoints: LocalEndpoints, region: string): Record<string, string> => ({
  AWS_REGION: region,
  AWS_DEFAULT_REGION: region,
  AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
  AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
  AWS_ENDPOINT_URL_DYNAMODB_STREAMS: endpoints.dynamodb,
  AWS_ENDPOINT_URL_S3: endpoints.s3,
  AWS_ENDPOINT_URL_EVENTBRIDGE: endpoints.eventbridge,
  AWS_ENDPOINT_URL_SFN: endpoints.sfn,
  // The edge port serves Cognito's API too (local/cognito).
  AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: endpoints.cognito,
  AWS_ENDPOINT_URL_MEDIACONVERT: endpoints.mediaconvert,
  AWS_ENDPOINT_URL_SQS: endpoints.sqs,
  AWS_ENDPOINT_URL_LAMBDA: endpoints.lambda,
  // s3rver stores the SDK's default streaming checksum framing as object data; send checksums only when required.
  AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
  AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
});
