import { workflowDeps } from './deps';
import { ingest as ingestOf } from './ingest';
import { machineReview as machineReviewOf } from './machineReview';
import { moderationDeps } from './moderationDeps';

/** The workflow's functions that run ffmpeg or ffprobe (the ffmpeg layer attached), wired to this container's ports. */
const deps = workflowDeps();

export const ingest = ingestOf(deps);
export const machineReview = machineReviewOf({ ...deps, ...moderationDeps() });
