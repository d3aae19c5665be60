import { publishCommands, runShowCommands } from '../../adapters/projections/testing/showLifecycle';
import { outputPrefix } from '../../domain/media/jobSettings';
import * as f from '../../domain/show/fixtures';
import { showMediaFixture } from '../shows/testing/showMediaFixture';
import { recordFailure } from './recordFailure';

/**
 * A transcode still running when its show is deleted writes its renditions after the deletion's cleanup; the run
 * then ends in RecordFailure, whose record the deleted show refuses: the task deletes what the run left behind.
 */
const media = showMediaFixture();

describe('the RecordFailure task of a run that outlived its show', () => {
  it("deletes the renditions the run wrote after the show's deletion, records nothing, and leaves other shows alone", async () => {
    // Transcoding when the creator deleted it.
    await runShowCommands(media.store(), publishCommands({ showId: 'late' }).slice(0, 6));
    await runShowCommands(media.store(), [{ type: 'DeleteShow', showId: 'late', now: f.now, actor: f.owner }]);
    const eventsAtDeletion = (await media.store().readStream('show#late')).events.length;
    const late = [`${outputPrefix('late', 'transcode-1')}/hls/master.m3u8`, `${outputPrefix('late', 'transcode-1')}/thumbnails/thumb.0000001.jpg`];
    const other = `${outputPrefix('late-not', 'transcode-1')}/hls/master.m3u8`;
    for (const key of [...late, other]) await media.put('media', key);

    const task = recordFailure({ store: media.store(), s3: media.s3(), now: () => f.now, config: { SOURCE_BUCKET: 'sources', MEDIA_BUCKET: 'media' } });
    const notice = { stage: 'transcode', error: 'CommandRefusedError', cause: 'Show late was deleted' };
    expect(await task({ showId: 'late', executionName: 'run-late', notice })).toEqual({ recorded: false, deletedObjects: 2 });
    expect(await media.keysIn('media')).toEqual([other]);
    expect((await media.store().readStream('show#late')).events).toHaveLength(eventsAtDeletion);
    // Run again (a retried task): nothing left to delete, still no record.
    expect(await task({ showId: 'late', executionName: 'run-late', notice })).toEqual({ recorded: false, deletedObjects: 0 });
  });
});
