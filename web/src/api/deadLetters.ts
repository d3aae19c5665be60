import type { paths } from '../../../client/index';
import { unwrap, type Api } from './client';

export type DeadLettersPage = paths['/operations/stream-dead-letters']['get']['responses'][200]['content']['application/json'];
export type DeadLetter = DeadLettersPage['items'][number];
export type RedriveResult = paths['/operations/stream-dead-letters/redrive']['post']['responses'][200]['content']['application/json']['results'][number];

/** What the stream dead-letter queue holds (peeked: nothing is taken). */
export const streamDeadLetters = (api: Api) => unwrap(api.GET('/operations/stream-dead-letters'));

/** Replays the batches these messages name into their functions; a message is deleted only when its function succeeded. */
export const redriveDeadLetters = (api: Api, messageIds: string[]) => unwrap(api.POST('/operations/stream-dead-letters/redrive', { body: { messageIds } }));
