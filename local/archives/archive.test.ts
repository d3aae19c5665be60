import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEventBridgeService } from '../eventbridge/service';
import type { LocalRule } from '../eventbridge/types';
import { appendToArchive, archiveNameOfTarget, archiveRules, readArchive } from './archive';

describe('a local EventBridge archive', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'showrunner-archive-'));
  const service = {
    region: 'eu-west-1',
    accountId: '000000000000',
    archives: [
      { logicalId: 'EventArchive', name: 'main-archive', eventBusName: 'main' },
      { logicalId: 'CatalogArchive', name: 'catalog-only', eventBusName: 'main', pattern: { source: ['showrunner.catalog'] } },
    ],
  };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('records, through its managed rule on the bus, every event of its bus (or those its pattern matches), in order', async () => {
    const bus = createEventBridgeService({
      region: service.region,
      accountId: service.accountId,
      buses: ['main', 'other'],
      rules: archiveRules(service) satisfies LocalRule[],
      deliver: async (target, _payload, event) => {
        const archive = archiveNameOfTarget(service, target.arn);
        if (archive === undefined) throw new Error(`unexpected target ${target.arn}`);
        appendToArchive(dataDir, archive, event);
      },
    });
    const entry = (source: string, n: number, bus = 'main') => ({ EventBusName: bus, Source: source, DetailType: 'Happened', Detail: JSON.stringify({ n }) });
    await bus.putEvents([entry('showrunner.catalog', 1), entry('showrunner.playback', 2), entry('showrunner.catalog', 3, 'other')]);
    await bus.putEvents([entry('showrunner.catalog', 4)]);
    await bus.idle();
    expect(readArchive(dataDir, 'main-archive').map((e) => [e.source, e.detail.n])).toEqual([
      ['showrunner.catalog', 1],
      ['showrunner.playback', 2],
      ['showrunner.catalog', 4],
    ]);
    expect(readArchive(dataDir, 'catalog-only').map((e) => e.detail.n)).toEqual([1, 4]);
    expect(readArchive(dataDir, 'never-written')).toEqual([]);
  });

  it('tells archive targets from function and state machine targets', () => {
    expect(archiveNameOfTarget(service, 'arn:aws:events:eu-west-1:000000000000:archive/main-archive')).toBe('main-archive');
    expect(archiveNameOfTarget(service, 'arn:aws:lambda:eu-west-1:000000000000:function:main-archive')).toBeUndefined();
  });
});
