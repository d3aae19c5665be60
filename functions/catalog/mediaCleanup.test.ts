import { publishCommands, runShowCommands } from '../../adapters/projections/testing/showLifecycle';
import { outputPrefix } from '../../domain/media/jobSettings';
import * as f from '../../domain/show/fixtures';
import { showMediaFixture } from '../shows/testing/showMediaFixture';
import { sourceKeyOf } from '../workflow/workflowRuns';
import { mediaCleanup } from './mediaCleanup';

const buckets = { sourceBucket: 'sources', mediaBucket: 'media' };
const media = showMediaFixture();
const { put, keysIn } = media;

/** The last event of a show's stream as the outbox publisher puts it on the bus: the stored envelope is the detail. */
const onTheBus = async (showId: string) => ({ 'detail-type': 'ShowDeleted', detail: JSON.parse(JSON.stringify((await media.store().readStream(`show#${showId}`)).events.at(-1))) as unknown });

describe('media cleanup on ShowDeleted', () => {
  it('deletes every source, rendition and thumbnail of the deleted show in both buckets, and nothing of another show', async () => {
    await runShowCommands(media.store(), publishCommands({ showId: 'gone' }));
    await runShowCommands(media.store(), [{ type: 'DeleteShow', showId: 'gone', now: f.now, actor: f.owner }]);
    const renditions = (showId: string, transcodeId: string) => [`${outputPrefix(showId, transcodeId)}/hls/master.m3u8`, `${outputPrefix(showId, transcodeId)}/hls/master_720p_00001.ts`, `${outputPrefix(showId, transcodeId)}/thumbnails/thumb.0000001.jpg`];
    for (const key of [sourceKeyOf('gone', 'upload-1', 'mp4'), sourceKeyOf('gone', 'upload-2', 'mov'), sourceKeyOf('gone-too', 'upload-1', 'mp4')]) await put('sources', key);
    for (const key of [...renditions('gone', 'transcode-1'), ...renditions('gone', 'transcode-2'), ...renditions('gone-too', 'transcode-1')]) await put('media', key);

    const cleanup = mediaCleanup({ s3: media.s3(), ...buckets });
    expect(await cleanup(await onTheBus('gone'))).toEqual({ deletedObjects: 8 });
    expect(await keysIn('sources')).toEqual([sourceKeyOf('gone-too', 'upload-1', 'mp4')]);
    expect(await keysIn('media')).toEqual(renditions('gone-too', 'transcode-1').sort());
    // Redelivered: nothing left to delete, nothing else touched.
    expect(await cleanup(await onTheBus('gone'))).toEqual({ deletedObjects: 0 });
    expect(await keysIn('media')).toHaveLength(3);
  });

  it('ignores any other event and refuses what is not an event envelope', async () => {
    await runShowCommands(media.store(), publishCommands({ showId: 'kept' }));
    await put('sources', sourceKeyOf('kept', 'upload-1', 'mp4'));
    expect(await mediaCleanup({ s3: media.s3(), ...buckets })(await onTheBus('kept'))).toEqual({ deletedObjects: 0 });
    expect(await keysIn('sources')).toContain(sourceKeyOf('kept', 'upload-1', 'mp4'));
    await expect(mediaCleanup({ s3: media.s3(), ...buckets })({ detail: { showId: 'kept' } })).rejects.toThrow();
  });
});
