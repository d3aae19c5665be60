import { playerEventSchema, type PlayerEvent } from '../../../domain/qos';
import { admit } from '../../../domain/sessions';
import { httpHandler } from '../../http/httpHandler';
import { json } from '../../http/response';
import { batchAnswer } from '../batchAnswer';
import { edgeCountryOf, withEdgeCountry } from '../edgeCountry';
import { publicIngress } from '../ingress';
import { qosRoutes } from '../routes';
import type { PlayerDeps } from './deps';
import { appendPlayerEvents } from './playerStore';

/**
 * POST /qos/events: a batch of player events keyed on CMCD. Each event is admitted on its own (schema, not older
 * than a year, not a day ahead); the accepted ones are appended to the player event log in one write before the
 * answer, so what is acknowledged is never lost; the answer says per event what was accepted and what was wrong.
 */
export const ingestPlayerEvents = (deps: PlayerDeps) => publicIngress(
  deps.ingress,
  httpHandler(
    { ...qosRoutes.playerEvents, clock: deps.clock },
    async ({ body, headers, requestId, now }) => {
      const country = edgeCountryOf(headers);
      const admissions = body.map((raw) => admit(playerEventSchema, withEdgeCountry(raw, country), now, (event: PlayerEvent) => new Date(event.ts).toISOString()));
      const events = admissions.flatMap((a) => (a.status === 'accepted' ? [a.value] : []));
      if (events.length > 0) await appendPlayerEvents(deps.db, deps.tables, { batchId: requestId, receivedAt: now, events, retentionDays: deps.qos.QOS_RETENTION_DAYS });
      return json(200, batchAnswer(admissions));
    },
  ),
);
