import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { WorkflowDeps } from './deps';
import { probeSource } from './probe';
import { parseTaskInput, record, refusalOf, runSchema, workflowActor, type Run } from './workflowInput';

/**
 * State Ingest: records the arrival of the source, starts ingest, probes the object and records the probe or why
 * it failed. Outcomes, never exceptions, for what the source is: `duplicate` when this upload was already recorded
 * (a late or repeated S3 event), `failed` for a corrupt, empty or video-less source, `probed` otherwise.
 */
/** An empty object is no source to record: its ingest fails at once, in words the uploader understands. */
const emptyFile = { reason: 'SOURCE_UNREADABLE', message: 'the file is empty' } as const;

const failEmpty = async (deps: WorkflowDeps, run: Run) => {
  try {
    await record(deps.store, run, 'ingest-failed', { type: 'RecordIngestFailure', showId: run.showId, actor: workflowActor, now: deps.now(), uploadId: run.uploadId, ...emptyFile });
  } catch (error) {
    return { outcome: 'duplicate' as const, refusal: refusalOf(error) };
  }
  return { outcome: 'failed' as const, ...emptyFile };
};

export const ingest = (deps: WorkflowDeps) => async (event: unknown) => {
  const run = parseTaskInput(runSchema, event);
  if (run.sizeBytes === 0) return failEmpty(deps, run);
  const base = { showId: run.showId, actor: workflowActor };
  try {
    // A retried ingest runs on the source its upload already recorded.
    if (run.retryIngest !== true) await record(deps.store, run, 'source-uploaded', { type: 'RecordSourceUploaded', ...base, now: deps.now(), uploadId: run.uploadId, key: run.key, sizeBytes: run.sizeBytes, etag: run.etag });
  } catch (error) {
    return { outcome: 'duplicate' as const, refusal: refusalOf(error) };
  }
  await record(deps.store, run, 'ingest-started', { type: 'StartIngest', ...base, now: deps.now(), uploadId: run.uploadId, executionId: run.executionName });
  const url = await getSignedUrl(deps.s3, new GetObjectCommand({ Bucket: run.bucket, Key: run.key }), { expiresIn: 900 });
  const probed = await probeSource(url);
  if (!probed.ok) {
    await record(deps.store, run, 'ingest-failed', { type: 'RecordIngestFailure', ...base, now: deps.now(), uploadId: run.uploadId, reason: probed.reason, message: probed.message });
    return { outcome: 'failed' as const, reason: probed.reason, message: probed.message };
  }
  const handled = await record(deps.store, run, 'probed', { type: 'RecordSourceProbe', ...base, now: deps.now(), uploadId: run.uploadId, ...probed.probe });
  const failed = handled.events.find((e) => e.type === 'IngestFailed');
  if (failed) return { outcome: 'failed' as const, reason: 'NO_VIDEO_STREAM', message: 'The source has no video stream.' };
  return { outcome: 'probed' as const };
};
