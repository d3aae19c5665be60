import { processStream } from '../../adapters/streams';
import { workflowDeps } from './deps';
import { reviewQueueConsumer } from './reviewQueue';

const consumer = reviewQueueConsumer(workflowDeps());

/** The reviewers' queue, on its own subscription to the events table's stream, as the catalogue's projector is. */
export const handler = (event: unknown) => processStream(event, consumer);
