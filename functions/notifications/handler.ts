import { eventStore } from '../runtime/eventStore';
import { lambdaHandler } from '../runtime/lambda';
import { snsClient } from '../runtime/sdk/sns';
import { notificationsConfig } from './config';
import { notifier } from './notifier';
import { snsNotices } from './snsNotices';

const { topicArn } = notificationsConfig();

/** The creator notifier wired to this container's clients (config read once, at load); it sends only when switched on. */
export const handler = lambdaHandler(notifier({ store: eventStore(), ...(topicArn === undefined ? {} : { send: snsNotices(snsClient(), topicArn) }) }));
