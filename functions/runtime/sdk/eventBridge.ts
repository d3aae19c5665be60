import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { sdkClient } from '../clients';

export const eventBridgeClient = sdkClient(() => new EventBridgeClient({}));
