import type { QosEvent } from '../player/qosEvent';
import { unwrap, type Api } from './client';

export type { QosEvent };

export const sendQosEvents = (api: Api, events: readonly QosEvent[]) => unwrap(api.POST('/qos/events', { body: [...events] }));
