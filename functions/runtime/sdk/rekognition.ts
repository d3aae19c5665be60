import { RekognitionClient } from '@aws-sdk/client-rekognition';
import { sdkClient } from '../clients';

/** The Rekognition client (video content moderation on AWS, functions/workflow). */
export const rekognitionClient = sdkClient(() => new RekognitionClient({}));
