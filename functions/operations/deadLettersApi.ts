import { HttpError } from '../http/errors';
import { httpHandler } from '../http/httpHandler';
import { json } from '../http/response';
import type { Clock } from '../runtime/clock';
import { listDeadLetters } from './deadLetters/list';
import { redriveDeadLetters, type RedrivePorts } from './deadLetters/redrive';
import { operationsRoutes } from './routes';

export interface DeadLettersDeps extends RedrivePorts {
  readonly clock?: Clock;
}

/** How many messages the list peeks at. */
const listed = 50;

/** GET /operations/stream-dead-letters and POST .../redrive, over their ports. */
export const deadLettersApi = (deps: DeadLettersDeps) => ({
  listStreamDeadLetters: httpHandler({ ...operationsRoutes.listStreamDeadLetters, clock: deps.clock }, async () =>
    json(200, await listDeadLetters(deps, listed), { 'cache-control': 'private, no-store' }),
  ),
  redriveStreamDeadLetters: httpHandler({ ...operationsRoutes.redriveStreamDeadLetters, clock: deps.clock }, async ({ body }) => {
    const results = await redriveDeadLetters(deps, body.messageIds);
    if (results.every((result) => result.outcome === 'not_found')) {
      throw new HttpError(404, 'not_found', `none of ${body.messageIds.join(', ')} is in the stream dead-letter queue: already redriven or deleted; GET /operations/stream-dead-letters for what is there`);
    }
    return json(200, { results });
  }),
});
