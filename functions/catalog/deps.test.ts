import { coldStart } from '../runtime/testing/coldStart';
import { catalogDeps } from './deps';

describe('the catalogue composition root', () => {
  it('fails at cold start naming the missing table variable, before any request', async () => {
    expect(() => catalogDeps({ EVENTS_TABLE: 'events', SNAPSHOTS_TABLE: 'snapshots', CATALOG_TABLE: 'catalog' })).toThrow(/catalogue configuration: ENGAGEMENT_TABLE/);
    await expect(coldStart(() => import('./entries/listShows'), {})).rejects.toThrow(/CATALOG_TABLE/);
    await expect(coldStart(() => import('./entries/listShows'), { CATALOG_TABLE: 'catalog', ENGAGEMENT_TABLE: 'engagement' })).resolves.toBeUndefined();
  });
});
