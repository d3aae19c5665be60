import { workflowDeps } from './deps';
import { resumeRecordedDecisions } from './resumeRecordedDecisions';

/** The review resumer's Lambda: the rule (resumeRecordedDecisions.ts) over the workflow's clients. */
export const handler = resumeRecordedDecisions(workflowDeps());
