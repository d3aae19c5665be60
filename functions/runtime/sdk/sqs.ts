import { SQSClient } from '@aws-sdk/client-sqs';
import { sdkClient } from '../clients';

/**
 * The SQS client (the stream dead-letter queue). The queue is in this stack's region: its regional endpoint is the
 * queue URL's own, so the client need not switch to the URL's host (which, locally, is the Ref's AWS form;
 * AWS_ENDPOINT_URL_SQS points at the local SQS).
 */
export const sqsClient = sdkClient(() => new SQSClient({ useQueueUrlAsEndpoint: false }));
