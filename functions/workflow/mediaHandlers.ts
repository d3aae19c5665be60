import { workflowDeps } from './deps';
import { ingest as ingestOf } from './ingest';
import { machineReview as machineReviewOf } from './machineReview';
import { moderationCompleted as moderationCompletedOf } from './moderationCompleted';
import { moderationDeps } from './moderationDeps';

/** The workflow's functions that run ffmpeg or ffprobe (the ffmpeg layer attached), wired to this container's ports; and the machine review's second half. */
const deps = workflowDeps();

export const ingest = ingestOf(deps);
export const machineReview = machineReviewOf({ ...deps, ...moderationDeps() });
/** Rekognition's completion notice (AWS): carries the ffmpeg layer only because the moderation ports import it. */
export const moderationCompleted = moderationCompletedOf({ ...deps, ...moderationDeps() });
