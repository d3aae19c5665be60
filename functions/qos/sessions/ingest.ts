import { admit, factOf, rawSessionEventSchema, type RawSessionEvent } from '../../../domain/sessions';
import { httpHandler } from '../../http/httpHandler';
import { json } from '../../http/response';
import { batchAnswer } from '../batchAnswer';
import { edgeCountryOf, withEdgeCountry } from '../edgeCountry';
import { publicIngress } from '../ingress';
import { qosRoutes } from '../routes';
import type { SessionDeps } from './deps';
import { appendSessionFacts } from './sessionStore';

/**
 * POST /sessions/events: the replaced sessions API's raw format, 1 to 10 events. Each event is admitted on its
 * own; the accepted ones are appended to the session event log in one write before the answer, so what is
 * acknowledged is never lost. No client address is read or stored.
 */
export const ingestSessionEvents = (deps: SessionDeps) => publicIngress(
  deps.ingress,
  httpHandler({ ...qosRoutes.sessionEvents, clock: deps.clock }, async ({ body, headers, requestId, now }) => {
    // The edge's country fills in (or corrects) start events; end events carry none in this format.
    const country = edgeCountryOf(headers);
    const admissions = body.map((raw) =>
      admit(rawSessionEventSchema, withEdgeCountry(raw, country, (event) => event.event === 'start'), now, (event: RawSessionEvent) => event.ts),
    );
    const facts = admissions.flatMap((a) => (a.status === 'accepted' ? [factOf(a.value)] : []));
    if (facts.length > 0) await appendSessionFacts(deps.db, deps.tables, requestId, now, facts);
    return json(200, batchAnswer(admissions));
  }),
);
