import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { runShowCommands } from '../../adapters/projections/testing/showLifecycle';
import { outputKeys, type MediaConvertJob } from '../../domain/media/jobSettings';
import { approveShow, requestReview } from '../../domain/show/fixtures';
import { startS3Local } from '../../local/s3/s3Local';
import { s3PresignSigner } from '../delivery/s3Signer';
import { loadShow } from '../shows/showCommands';
import { parseWorkflowConfig, type WorkflowConfig } from './config';
import type { WorkflowDeps } from './deps';
import { reviewListApi } from './http/reviewsApi';
import { prepareTranscode } from './prepareTranscode';
import { publish } from './publish';
import { recordTranscode } from './recordTranscode';
import { callRoute, createWorkflowFixture } from './testing/workflowFixture';

/**
 * MEDIA_PACKAGING (SHOWRUNNER_PACKAGING) through the workflow's tasks, over the real local S3: the configured
 * packaging shapes the MediaConvert job PrepareTranscode builds; from then on the job, and what its completion
 * recorded, say where the manifests are (RecordTranscode, the review preview, Publish), whatever the configuration
 * says later. The transcoder's CMAF output itself is decoded in local/mediaconvert (sources.test.ts, dashjs.test.ts).
 */
const dataDir = mkdtempSync(join(tmpdir(), 'packaging-'));
let s3: Awaited<ReturnType<typeof startS3Local>>;
let client: S3Client;
let fixture: Awaited<ReturnType<typeof createWorkflowFixture>>;
const env = { SOURCE_BUCKET: 'sources', MEDIA_BUCKET: 'media', REVIEWS_TABLE: 'r', EVENT_BUS_NAME: 'b', PLAYBACK_BASE_URL: 'https://cdn.example.com' };

beforeAll(async () => {
  s3 = await startS3Local({ dataDir, accountId: '000000000000', buckets: [{ name: 'media', eventBridge: false }], onEvent: () => undefined });
  client = new S3Client({ endpoint: s3.endpoint, region: 'eu-west-1', forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  fixture = await createWorkflowFixture();
});
afterAll(async () => {
  await fixture.dispose();
  client.destroy();
  await s3.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const depsWith = (packaging: WorkflowConfig['MEDIA_PACKAGING']): WorkflowDeps => ({ ...fixture.deps, s3: client, config: { ...fixture.deps.config, MEDIA_PACKAGING: packaging } });
const runOf = (showId: string) => ({ showId, uploadId: 'upload-1', bucket: 'sources', key: `uploads/${showId}/upload-1/source.mov`, sizeBytes: 2048, etag: 'abc', executionName: `run-${showId}` });
/** What MediaConvert leaves in the media bucket: the two manifests (their content does not matter here) and a thumbnail. */
const writeOutputs = async (keys: ReturnType<typeof outputKeys>) => {
  for (const Key of [keys.hlsMaster, keys.dashManifest, `${keys.thumbnailPrefix}thumb.0000000.jpg`]) await client.send(new PutObjectCommand({ Bucket: 'media', Key, Body: 'x' }));
};

describe('the packaging setting', () => {
  it('is hls-dash unless set to cmaf, and refuses anything else at load, naming the variable', () => {
    expect(parseWorkflowConfig(env).MEDIA_PACKAGING).toBe('hls-dash');
    expect(parseWorkflowConfig({ ...env, MEDIA_PACKAGING: 'cmaf' }).MEDIA_PACKAGING).toBe('cmaf');
    expect(() => parseWorkflowConfig({ ...env, MEDIA_PACKAGING: 'CMAF-ish' })).toThrow(/MEDIA_PACKAGING/);
  });

  it('given cmaf, the job has one CMAF group writing both manifests, and the run records, previews and publishes cmaf/master.*', async () => {
    await fixture.showUpTo('pk-cmaf', 5);
    const run = runOf('pk-cmaf');
    const prepared = (await prepareTranscode(depsWith('cmaf'))(run)) as { transcodeId: string; job: MediaConvertJob };
    const [streaming] = prepared.job.Settings.OutputGroups;
    expect(prepared.job.Settings.OutputGroups.map((group) => group.Name)).toEqual(['CMAF', 'Thumbnails']);
    expect(streaming?.OutputGroupSettings).toMatchObject({ Type: 'CMAF_GROUP_SETTINGS', CmafGroupSettings: { Destination: `s3://media/shows/pk-cmaf/${prepared.transcodeId}/cmaf/master`, WriteHlsManifest: 'ENABLED', WriteDashManifest: 'ENABLED' } });
    const cmaf = outputKeys('pk-cmaf', prepared.transcodeId, 'cmaf');
    await writeOutputs(cmaf);

    // The configuration changes while the job runs: the job decides where its manifests are.
    const later = depsWith('hls-dash');
    expect(await recordTranscode(later)({ ...run, prepared })).toEqual({ outcome: 'completed' });
    const { state } = await loadShow(fixture.store.store, 'pk-cmaf');
    expect(state.transcode?.result?.outputs).toEqual([{ format: 'hls', key: cmaf.hlsMaster }, { format: 'dash', key: cmaf.dashManifest }]);

    await runShowCommands(fixture.store.store, [{ ...requestReview, showId: 'pk-cmaf' }]);
    await fixture.projectReviews('pk-cmaf');
    const preview = { ttlSeconds: 600, cookieDomain: undefined, signer: s3PresignSigner(() => client, 'media') };
    const listed = await callRoute(reviewListApi({ ...later, preview }), { user: { sub: 'reviewer-1', groups: '[reviewer]' } });
    const sources = (listed.body as { reviews: { showId: string; preview?: { sources: { format: string; url: string }[] } }[] }).reviews.find((r) => r.showId === 'pk-cmaf')?.preview?.sources ?? [];
    expect(sources.map((s) => [s.format, new URL(s.url).pathname])).toEqual([['hls', `/media/${cmaf.hlsMaster}`], ['dash', `/media/${cmaf.dashManifest}`]]);
    expect((await fetch(sources[0]?.url ?? '')).status).toBe(200);

    await runShowCommands(fixture.store.store, [{ ...approveShow, showId: 'pk-cmaf' }]);
    expect(await publish(later)({ ...run, prepared: { transcodeId: prepared.transcodeId } })).toEqual({ hls: `https://cdn.example.com/${cmaf.hlsMaster}`, dash: `https://cdn.example.com/${cmaf.dashManifest}`, archived: 'off' });
  });

  it('given hls-dash, the job has HLS and DASH groups and the run checks hls/ and dash/: a CMAF layout there is no transcode of it', async () => {
    await fixture.showUpTo('pk-separate', 5);
    const run = runOf('pk-separate');
    const prepared = (await prepareTranscode(depsWith('hls-dash'))(run)) as { transcodeId: string; job: MediaConvertJob };
    expect(prepared.job.Settings.OutputGroups.map((group) => group.Name)).toEqual(['HLS', 'DASH', 'Thumbnails']);
    await writeOutputs(outputKeys('pk-separate', prepared.transcodeId, 'cmaf'));
    const recorded = await recordTranscode(depsWith('cmaf'))({ ...run, prepared });
    expect(recorded).toMatchObject({ outcome: 'failed' });
    expect((recorded as { message: string }).message).toContain(`shows/pk-separate/${prepared.transcodeId}/hls/master.m3u8 and shows/pk-separate/${prepared.transcodeId}/dash/manifest.mpd is missing`);
  });

  it('given a show with captions in two languages, PrepareTranscode has MediaConvert read each from the media bucket', async () => {
    await fixture.showUpTo('pk-captions', 5, [
      { type: 'AddCaptions', showId: '', now: '2026-03-02T09:00:00.000Z', actor: { id: 'user-1', kind: 'user' }, language: 'en', label: 'English', key: 'shows/pk-captions/captions/en.vtt', sourceFormat: 'webvtt', cueCount: 3 },
      { type: 'AddCaptions', showId: '', now: '2026-03-02T09:00:00.000Z', actor: { id: 'user-1', kind: 'user' }, language: 'fr-CA', label: 'Français (Canada)', key: 'shows/pk-captions/captions/fr-CA.vtt', sourceFormat: 'srt', cueCount: 3 },
    ]);
    const { job } = (await prepareTranscode(depsWith('hls-dash'))(runOf('pk-captions'))) as { job: MediaConvertJob };
    expect(Object.entries(job.Settings.Inputs[0].CaptionSelectors ?? {}).map(([name, selector]) => [name, selector.SourceSettings.FileSourceSettings.SourceFile])).toEqual([
      ['Captions en', 's3://media/shows/pk-captions/captions/en.vtt'],
      ['Captions fr-CA', 's3://media/shows/pk-captions/captions/fr-CA.vtt'],
    ]);
    const hls = job.Settings.OutputGroups.find((group) => group.Name === 'HLS');
    expect(hls?.Outputs.filter((output) => 'CaptionDescriptions' in output).map((output) => output.NameModifier)).toEqual(['_captions_en', '_captions_fr-CA']);
  });
});
