import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { sdkClient } from '../clients';

export const cognitoClient = sdkClient(() => new CognitoIdentityProviderClient({}));
