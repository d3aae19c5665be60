import { SNSClient } from '@aws-sdk/client-sns';
import { sdkClient } from '../clients';

/** The SNS client (creator notices, functions/notifications). */
export const snsClient = sdkClient(() => new SNSClient({}));
