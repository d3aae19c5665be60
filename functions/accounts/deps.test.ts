import { coldStart } from '../runtime/testing/coldStart';
import { accountsDeps } from './deps';

describe('the accounts composition root', () => {
  it('fails at cold start naming the missing user pool variable, before any request', async () => {
    expect(() => accountsDeps({ EVENTS_TABLE: 'events', SNAPSHOTS_TABLE: 'snapshots', USER_POOL_ID: 'eu-west-1_x' })).toThrow(/user pool configuration: USER_POOL_CLIENT_ID/);
    // test/env.ts sets USER_POOL_ID for every suite, so the client id is the variable this cold start lacks.
    await expect(coldStart(() => import('./entries/register'), {})).rejects.toThrow(/user pool configuration: USER_POOL_CLIENT_ID/);
    await expect(coldStart(() => import('./entries/register'), { USER_POOL_ID: 'eu-west-1_x', USER_POOL_CLIENT_ID: 'client' })).resolves.toBeUndefined();
  });

  it('loads the Post confirmation trigger without the user pool variables its function does not have', async () => {
    await expect(coldStart(() => import('./postConfirmation'), {})).resolves.toBeUndefined();
  });
});
