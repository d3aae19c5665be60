import type { ShowDraftedData } from './catalog/types';
import { type AnyEventEnvelope, decodeEvent } from './registry';
import { storedEnvelope } from './testFixtures';

// Fails to compile (npm run typecheck) when the inferred contract types drift.
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const showDraftedDataIsPinned: Equals<
  ShowDraftedData,
  { showId: string; title: string; description: string; genre: string; language: string; premium: boolean }
> = true;

describe('decoded event types', () => {
  it('narrow data on type', () => {
    // Compiles only if `type` discriminates the union: `language` exists on ShowDrafted data alone.
    const languageOf = (event: AnyEventEnvelope) => (event.type === 'ShowDrafted' ? event.data.language : null);
    const data = { showId: 's-1', title: 't', description: '', genre: 'g' };
    expect(languageOf(decodeEvent(storedEnvelope({ type: 'ShowDrafted', data })))).toBe('und');
    expect(showDraftedDataIsPinned).toBe(true);
  });
});
