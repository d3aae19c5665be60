import { workflowDeps } from '../deps';
import { recordTranscodeFailure } from '../recordTranscodeFailure';

/** `workflowRecordTranscodeFailure` of functions.yml: its bundle holds this handler and what it uses, no other function's (README, Bundles). */
export const handler = recordTranscodeFailure(workflowDeps());
