import { z } from 'zod';
import { workflowTimeline } from '../../../domain/media/timeline';
import { decodeShowEvent, showStreamId } from '../../../domain/show';
import { showIdSchema } from '../../../events/catalog/fields';
import { notFound } from '../../http/errors';
import { json } from '../../http/response';
import { httpHandler } from '../../http/httpHandler';
import { eventStore } from '../../shared/eventStore';

/** GET /shows/{showId}/workflow: the stage timeline of the latest run, from the show's own events. */
export const handler = httpHandler({ path: z.object({ showId: showIdSchema }), access: { roles: [] } }, async ({ path }) => {
  const { events } = await eventStore().readStream(showStreamId(path.showId));
  if (events.length === 0) throw notFound(`show ${path.showId}`);
  const timed = events.map((stored) => {
    const decoded = decodeShowEvent(stored);
    return { event: { type: decoded.type, data: decoded.data } as Parameters<typeof workflowTimeline>[0][number]['event'], occurredAt: decoded.occurredAt };
  });
  return json(200, { showId: path.showId, ...workflowTimeline(timed) });
});
