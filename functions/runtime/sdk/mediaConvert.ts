import { MediaConvertClient } from '@aws-sdk/client-mediaconvert';
import { sdkClient } from '../clients';

export const mediaConvertClient = sdkClient(() => new MediaConvertClient({}));
