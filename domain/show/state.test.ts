import { encodeEvent } from '../../events/registry';
import { storedEnvelope } from '../../events/testFixtures';
import { showDecider } from './decider';
import { decodeShowEvent, type ShowEvent, showStreamId } from './events';
import * as f from './fixtures';
import { initialShowState, showStateSchema } from './state';

const fold = (events: readonly ShowEvent[]) => events.reduce(showDecider.evolve, showDecider.initialState);

const histories: [string, readonly ShowEvent[]][] = [
  ['initial', []],
  ['awaiting upload', f.upTo.awaitingUpload],
  ['probed', f.upTo.probed],
  ['rejected', f.rejectedShow],
  ['published', f.publishedShow],
  ['withdrawn', [...f.publishedShow, f.withdrawn]],
  ['transcode failed', [...f.upTo.transcoding, f.transcodeFailed()]],
];

describe('Show state', () => {
  it.each(histories)('round-trips through JSON and its schema when %s', (_label, events) => {
    const state = fold(events);
    const snapshot = JSON.parse(JSON.stringify(state));
    expect(showStateSchema.parse(snapshot)).toEqual(state);
  });

  it('rejects a snapshot that is not a Show state', () => {
    expect(showStateSchema.safeParse({ ...initialShowState, status: 'lost' }).success).toBe(false);
    expect(showStateSchema.safeParse({ ...initialShowState, extra: 1 }).success).toBe(false);
  });

  it('is built from stored envelopes as they come back from the store', () => {
    const stored = f.publishedShow.map((event, index) =>
      JSON.parse(
        JSON.stringify(
          encodeEvent(event, {
            ...storedEnvelope({ type: event.type, data: null }),
            streamId: showStreamId(f.showId),
            version: index + 1,
          }),
        ),
      ),
    );
    expect(fold(stored.map(decodeShowEvent))).toEqual(fold(f.publishedShow));
  });

  it('decodes a v1 ShowDrafted from an old stream into a free draft with an undetermined language', () => {
    const v1 = storedEnvelope({
      type: 'ShowDrafted',
      schemaVersion: 1,
      data: { showId: f.showId, title: 'Old', description: '', genre: 'drama' },
    });
    expect(fold([decodeShowEvent(v1)]).metadata).toEqual({ title: 'Old', description: '', genre: 'drama', language: 'und', premium: false });
  });

  it('refuses a non-Show event found in a Show stream', () => {
    const foreign = storedEnvelope({ type: 'PaymentCaptured', context: 'payments', data: {} });
    expect(() => decodeShowEvent(foreign)).toThrow('unknown event type PaymentCaptured');
  });

  it('evolves any event in any state without throwing (evolve is total)', () => {
    const everyEvent = [...f.publishedShow, f.transcodeFailed('other'), f.sourceUploaded('other'), f.withdrawn];
    for (const event of everyEvent) {
      for (const [, events] of histories) {
        const state = showDecider.evolve(fold(events), event);
        expect(showStateSchema.safeParse(JSON.parse(JSON.stringify(state))).success).toBe(true);
      }
    }
  });
});
