import { createQosReporter } from '../src/player/qos';
import type { QosEvent } from '../src/player/qosEvent';

describe("the player's QoS beacon", () => {
  const sent: (readonly QosEvent[])[] = [];
  const reporter = (batchSize = 20) => createQosReporter({ contentId: 'show-1', cdn: 'local', send: async (events) => void sent.push(events), periodMs: 3_600_000, batchSize });

  beforeEach(() => (sent.length = 0));

  it('sends one session id and a rising seq on every event, in batches', async () => {
    const qos = reporter(3);
    qos.report('play_attempt', { sf: 'h', st: 'v' });
    qos.report('first_frame', { br: 800 });
    expect(sent).toEqual([]);
    qos.report('stall_start', { bl: 0 });
    await qos.flush();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.map((e) => [e.type, e.seq, e.sid, e.cid, e.cdn])).toEqual([
      ['play_attempt', 0, qos.sessionId, 'show-1', 'local'],
      ['first_frame', 1, qos.sessionId, 'show-1', 'local'],
      ['stall_start', 2, qos.sessionId, 'show-1', 'local'],
    ]);
    expect(qos.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    await qos.stop();
  });

  it('sends what is queued at the end of playback and when stopped', async () => {
    const qos = reporter();
    qos.report('play_attempt');
    qos.report('end', { br: 800 });
    await qos.flush();
    expect(sent.flat().map((e) => e.type)).toEqual(['play_attempt', 'end']);
    qos.report('error', { fatal: true, code: 'manifestLoadError' });
    await qos.stop();
    expect(sent.flat().map((e) => e.type)).toEqual(['play_attempt', 'end', 'error']);
  });

  it('goes on after a batch the API did not take (QoS is best effort)', async () => {
    let fail = true;
    const qos = createQosReporter({ contentId: 'show-1', cdn: 'local', periodMs: 3_600_000, send: async (events) => {
      if (fail) throw new Error('offline');
      sent.push(events);
    } });
    qos.report('play_attempt');
    await qos.flush();
    fail = false;
    qos.report('first_frame');
    await qos.stop();
    expect(sent.flat().map((e) => [e.type, e.seq])).toEqual([['first_frame', 1]]);
  });
});
