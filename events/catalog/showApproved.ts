import * as z from 'zod';
import { defineEvent, upcastFrom } from '../contract';
import { messageSchema, showIdSchema, transcodeIdSchema } from './fields';
import { reviewAssessmentSchema } from './reviewAssessment';

/** Version 1, frozen: no assessment. */
export const showApprovedV1Schema = z.strictObject({
  showId: showIdSchema,
  transcodeId: transcodeIdSchema,
  note: messageSchema.optional(),
});

/** Version 2 adds the machine reviewer's assessment (its media signals and content scores); a person's approval has none. */
export const showApproved = defineEvent({
  type: 'ShowApproved',
  context: 'catalog',
  schemaVersion: 2,
  description: 'A reviewer approved the reviewed outputs for publication (the reviewer is the envelope actor); the machine reviewer records what it measured.',
  schema: z.strictObject({
    showId: showIdSchema,
    transcodeId: transcodeIdSchema,
    note: messageSchema.optional(),
    assessment: reviewAssessmentSchema.optional(),
  }),
  upcasters: [upcastFrom(1, showApprovedV1Schema, (v1) => v1)],
});
