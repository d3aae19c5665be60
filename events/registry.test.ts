import { CorruptEventError, InvalidNewEventError } from './errors';
import { decodeEvent, encodeEvent } from './registry';
import { storedEnvelope } from './testFixtures';

const v1Drafted = { showId: 's-1', title: 'Night Trains', description: 'Sleepers across Europe', genre: 'documentary' };

const corruptionOf = (run: () => unknown): CorruptEventError => {
  try {
    run();
  } catch (error) {
    if (error instanceof CorruptEventError) return error;
    throw error;
  }
  throw new Error('expected a CorruptEventError, nothing was thrown');
};

describe('decodeEvent', () => {
  it('reads a stored ShowDrafted v1 as v3 through both upcasters: undetermined language, free to watch', () => {
    const event = decodeEvent(storedEnvelope({ type: 'ShowDrafted', schemaVersion: 1, data: v1Drafted }));
    expect(event).toMatchObject({ type: 'ShowDrafted', schemaVersion: 3, data: { ...v1Drafted, language: 'und', premium: false } });
  });

  it('reads a stored ShowDrafted v2 as v3, free to watch', () => {
    const data = { ...v1Drafted, language: 'pt-BR' };
    const event = decodeEvent(storedEnvelope({ type: 'ShowDrafted', schemaVersion: 2, data }));
    expect(event).toMatchObject({ schemaVersion: 3, data: { ...data, premium: false } });
  });

  it('reads a current ShowDrafted v3 unchanged', () => {
    const data = { ...v1Drafted, language: 'pt-BR', premium: true };
    const event = decodeEvent(storedEnvelope({ type: 'ShowDrafted', schemaVersion: 3, data }));
    expect(event.data).toEqual(data);
  });

  it('keeps the envelope metadata of the stored event', () => {
    const stored = storedEnvelope({ type: 'ShowDrafted', data: v1Drafted, version: 7, eventId: 'evt-7' });
    const { data: _data, schemaVersion: _schemaVersion, ...metadata } = stored;
    expect(decodeEvent(stored)).toMatchObject(metadata);
  });

  it('refuses an unknown type, naming stream, version and type', () => {
    const error = corruptionOf(() => decodeEvent(storedEnvelope({ type: 'ShowTeleported', version: 3, data: {} })));
    expect(error.location).toEqual({ streamId: 'show#s-1', version: 3, type: 'ShowTeleported', schemaVersion: 1 });
    expect(error.message).toContain('unknown event type ShowTeleported');
    expect(error.message).toContain('show#s-1 version 3');
  });

  it('refuses a schema version newer than the code knows', () => {
    const error = corruptionOf(() =>
      decodeEvent(storedEnvelope({ type: 'ShowDrafted', schemaVersion: 4, data: { ...v1Drafted, language: 'en', premium: false } })),
    );
    expect(error.message).toContain('schema version 4 is not one this code reads (1..3)');
  });

  it('refuses data that fails validation, with the zod issues', () => {
    const error = corruptionOf(() =>
      decodeEvent(storedEnvelope({ type: 'ShowDrafted', schemaVersion: 2, data: { ...v1Drafted, language: 42 } })),
    );
    expect(error.issues.map((issue) => issue.path)).toEqual([['language']]);
    expect(error.message).toContain('language:');
  });

  it('refuses a v1 event that does not match the v1 schema before upcasting it', () => {
    const error = corruptionOf(() =>
      decodeEvent(storedEnvelope({ type: 'ShowDrafted', schemaVersion: 1, data: { ...v1Drafted, title: '' } })),
    );
    expect(error.message).toContain('does not match schema version 1');
    expect(error.issues.map((issue) => issue.path)).toEqual([['title']]);
  });

  it('refuses unknown fields: contracts are strict', () => {
    const data = { ...v1Drafted, language: 'en', rating: 'PG' };
    const error = corruptionOf(() => decodeEvent(storedEnvelope({ type: 'ShowDrafted', schemaVersion: 2, data })));
    expect(error.issues[0]?.code).toBe('unrecognized_keys');
  });

  it('refuses an event stored under the wrong context', () => {
    const stored = storedEnvelope({ type: 'ShowDrafted', context: 'payments', data: v1Drafted });
    expect(corruptionOf(() => decodeEvent(stored)).message).toContain('context payments');
  });
});

describe('encodeEvent', () => {
  const metadata = {
    eventId: 'evt-9',
    streamId: 'show#s-1',
    version: 9,
    occurredAt: '2026-01-02T03:04:05.000Z',
    commandId: 'cmd-9',
    correlationId: 'corr-9',
    causationId: 'cmd-9',
    actor: { id: 'user-1', kind: 'user' as const },
  };

  it('stamps the current schema version and the context of the contract', () => {
    const data = { ...v1Drafted, language: 'en', premium: true };
    expect(encodeEvent({ type: 'ShowDrafted', data }, metadata)).toEqual({
      ...metadata,
      type: 'ShowDrafted',
      context: 'catalog',
      schemaVersion: 3,
      data,
    });
  });

  it('refuses data that breaks the contract, writing nothing', () => {
    const data = { showId: 's-1', reason: 'BORED' } as unknown as { showId: string; reason: 'OTHER' };
    expect(() => encodeEvent({ type: 'ShowWithdrawn', data }, metadata)).toThrow(InvalidNewEventError);
  });

  it('refuses a metadata update that names no change', () => {
    expect(() => encodeEvent({ type: 'ShowMetadataUpdated', data: { showId: 's-1' } }, metadata)).toThrow('name at least one');
  });

  it('round-trips: what encode writes, decode reads back equal', () => {
    const event = { type: 'ShowWithdrawn' as const, data: { showId: 's-1', reason: 'RIGHTS' as const } };
    const envelope = encodeEvent(event, metadata);
    expect(decodeEvent(JSON.parse(JSON.stringify(envelope)))).toEqual(envelope);
  });
});
