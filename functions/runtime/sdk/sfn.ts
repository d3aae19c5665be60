import { SFNClient } from '@aws-sdk/client-sfn';
import { sdkClient } from '../clients';

export const sfnClient = sdkClient(() => new SFNClient({}));
