import type { Actor } from '../../events/envelope';
import type * as Commands from './commands';
import type { ShowEvent } from './events';

/** A coherent show, event by event, and the commands that produce them: shared by the decider's tests. */

export const showId = 'show-1';
export const now = '2026-03-01T10:00:00.000Z';
export const owner: Actor = { id: 'user-1', kind: 'user' };
export const reviewer: Actor = { id: 'reviewer-1', kind: 'user' };
export const workflow: Actor = { id: 'ingest-workflow', kind: 'service' };

const base = { showId, now, actor: owner };
const byWorkflow = { showId, now, actor: workflow };
const byReviewer = { showId, now, actor: reviewer };

export const metadata = { title: 'Night Trains', description: 'Sleepers across Europe', genre: 'documentary', language: 'en', premium: false };
export const draftShow: Commands.DraftShow = { type: 'DraftShow', ...base, ...metadata };
export const drafted: ShowEvent = { type: 'ShowDrafted', data: { showId, ...metadata } };

export const requestUpload = (uploadId = 'upload-1'): Commands.RequestUpload => ({
  type: 'RequestUpload',
  ...base,
  uploadId,
  fileName: 'Night Trains FINAL.MOV',
  contentType: 'video/quicktime',
  sizeBytes: 3_000_000_000,
});
export const uploadRequested = (uploadId = 'upload-1'): ShowEvent => ({
  type: 'UploadRequested',
  data: {
    showId,
    uploadId,
    fileName: 'Night Trains FINAL.MOV',
    contentType: 'video/quicktime',
    sizeBytes: 3_000_000_000,
    expiresAt: '2026-03-01T16:00:00.000Z',
  },
});

const source = (uploadId: string) => ({ uploadId, key: `sources/${showId}/${uploadId}`, sizeBytes: 2_999_999_000, etag: 'abc123' });
export const recordSourceUploaded = (uploadId = 'upload-1'): Commands.RecordSourceUploaded => ({
  type: 'RecordSourceUploaded',
  ...byWorkflow,
  ...source(uploadId),
});
export const sourceUploaded = (uploadId = 'upload-1'): ShowEvent => ({ type: 'SourceUploaded', data: { showId, ...source(uploadId) } });

export const startIngest = (uploadId = 'upload-1'): Commands.StartIngest => ({
  type: 'StartIngest',
  ...byWorkflow,
  uploadId,
  executionId: `ingest-${uploadId}`,
});
export const ingestStarted = (uploadId = 'upload-1'): ShowEvent => ({
  type: 'IngestStarted',
  data: { showId, uploadId, executionId: `ingest-${uploadId}` },
});

const portrait1080 = { index: 0, codec: 'h264', width: 1920, height: 1080, rotation: 90 as const, frameRate: 29.97, bitrateBps: 12_000_000 };
const stereo = { index: 1, codec: 'aac', channels: 2, sampleRateHz: 48_000, language: 'en' };
export const probe = (uploadId: string) => ({ uploadId, container: 'mov', durationMs: 5_400_000, video: [portrait1080], audio: [stereo] });
export const recordSourceProbe = (uploadId = 'upload-1'): Commands.RecordSourceProbe => ({
  type: 'RecordSourceProbe',
  ...byWorkflow,
  ...probe(uploadId),
});
export const sourceProbed = (uploadId = 'upload-1'): ShowEvent => ({ type: 'SourceProbed', data: { showId, ...probe(uploadId) } });

export const ladderFor1080 = [
  { name: '270p', shortSidePx: 270, videoBitrateKbps: 400 },
  { name: '360p', shortSidePx: 360, videoBitrateKbps: 1500 },
  { name: '540p', shortSidePx: 540, videoBitrateKbps: 3500 },
  { name: '720p', shortSidePx: 720, videoBitrateKbps: 6000 },
  { name: '1080p', shortSidePx: 1080, videoBitrateKbps: 8500 },
];
export const requestTranscode = (transcodeId = 'transcode-1'): Commands.RequestTranscode => ({
  type: 'RequestTranscode',
  ...byWorkflow,
  transcodeId,
  formats: ['hls', 'dash'],
});
export const transcodeRequested = (transcodeId = 'transcode-1', uploadId = 'upload-1'): ShowEvent => ({
  type: 'TranscodeRequested',
  data: { showId, uploadId, transcodeId, ladder: ladderFor1080, formats: ['hls', 'dash'] },
});

const result = (transcodeId: string) => ({
  transcodeId,
  renditions: [{ name: '1080p', width: 1080, height: 1920, videoBitrateKbps: 8500, codec: 'h264' }],
  outputs: [
    { format: 'hls' as const, key: `outputs/${showId}/${transcodeId}/hls/index.m3u8` },
    { format: 'dash' as const, key: `outputs/${showId}/${transcodeId}/dash/index.mpd` },
  ],
  thumbnailKeys: [`outputs/${showId}/${transcodeId}/thumbnails/0001.jpg`],
});
export const recordTranscodeCompletion = (transcodeId = 'transcode-1'): Commands.RecordTranscodeCompletion => ({
  type: 'RecordTranscodeCompletion',
  ...byWorkflow,
  ...result(transcodeId),
});
export const transcodeCompleted = (transcodeId = 'transcode-1'): ShowEvent => ({
  type: 'TranscodeCompleted',
  data: { showId, ...result(transcodeId) },
});

const failure = { reason: 'JOB_FAILED' as const, message: 'MediaConvert error 1010: unsupported codec' };
export const recordTranscodeFailure = (transcodeId = 'transcode-1'): Commands.RecordTranscodeFailure => ({
  type: 'RecordTranscodeFailure',
  ...byWorkflow,
  transcodeId,
  ...failure,
});
export const transcodeFailed = (transcodeId = 'transcode-1'): ShowEvent => ({
  type: 'TranscodeFailed',
  data: { showId, transcodeId, ...failure },
});

export const requestReview: Commands.RequestReview = { type: 'RequestReview', ...base };
export const reviewRequested = (transcodeId = 'transcode-1'): ShowEvent => ({ type: 'ReviewRequested', data: { showId, transcodeId } });

export const approveShow: Commands.ApproveShow = { type: 'ApproveShow', ...byReviewer, note: 'Lovely' };
export const approved = (transcodeId = 'transcode-1'): ShowEvent => ({
  type: 'ShowApproved',
  data: { showId, transcodeId, note: 'Lovely' },
});

const rejection = { reason: 'AUDIO_QUALITY' as const, message: 'Audio drifts out of sync after 40 minutes' };
export const rejectShow: Commands.RejectShow = { type: 'RejectShow', ...byReviewer, ...rejection };
export const rejected = (transcodeId = 'transcode-1'): ShowEvent => ({ type: 'ShowRejected', data: { showId, transcodeId, ...rejection } });

const playback = [
  { format: 'hls' as const, url: 'https://cdn.example.com/show-1/hls/index.m3u8' },
  { format: 'dash' as const, url: 'https://cdn.example.com/show-1/dash/index.mpd' },
];
const thumbnailUrls = ['https://cdn.example.com/show-1/thumbnails/0001.jpg'];
export const publishShow: Commands.PublishShow = { type: 'PublishShow', ...base, playback, thumbnailUrls };
export const published = (transcodeId = 'transcode-1'): ShowEvent => ({
  type: 'ShowPublished',
  data: { showId, transcodeId, playback, thumbnailUrls },
});

export const withdrawShow: Commands.WithdrawShow = { type: 'WithdrawShow', ...base, reason: 'RIGHTS', note: 'Licence ended' };
export const withdrawn: ShowEvent = { type: 'ShowWithdrawn', data: { showId, reason: 'RIGHTS', note: 'Licence ended' } };

/** The events of a show from draft to each milestone: `given(upTo.inReview)`. */
export const upTo = {
  draft: [drafted],
  awaitingUpload: [drafted, uploadRequested()],
  uploaded: [drafted, uploadRequested(), sourceUploaded()],
  ingesting: [drafted, uploadRequested(), sourceUploaded(), ingestStarted()],
  probed: [drafted, uploadRequested(), sourceUploaded(), ingestStarted(), sourceProbed()],
  transcoding: [drafted, uploadRequested(), sourceUploaded(), ingestStarted(), sourceProbed(), transcodeRequested()],
  transcoded: [drafted, uploadRequested(), sourceUploaded(), ingestStarted(), sourceProbed(), transcodeRequested(), transcodeCompleted()],
  inReview: [
    ...[drafted, uploadRequested(), sourceUploaded(), ingestStarted(), sourceProbed()],
    ...[transcodeRequested(), transcodeCompleted(), reviewRequested()],
  ],
};
export const approvedShow = [...upTo.inReview, approved()];
export const rejectedShow = [...upTo.inReview, rejected()];
export const publishedShow = [...approvedShow, published()];
