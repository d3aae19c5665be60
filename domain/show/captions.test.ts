import type { CaptionsAddedData } from '../../events/catalog/types';
import type { AddCaptions, RemoveCaptions } from './commands';
import { showDecider } from './decider';
import * as f from './fixtures';
import { deciderSpec } from './testing';

const { given } = deciderSpec(showDecider);

type Track = Omit<CaptionsAddedData, 'showId'>;
const english: Track = { language: 'en', label: 'English', key: 'shows/show-1/captions/en.vtt', sourceFormat: 'webvtt', cueCount: 12 };
const french: Track = { language: 'fr-CA', label: 'Français (Canada)', key: 'shows/show-1/captions/fr-CA.vtt', sourceFormat: 'srt', cueCount: 12 };
const add = (track: Track): AddCaptions => ({ type: 'AddCaptions', showId: f.showId, now: f.now, actor: f.owner, ...track });
const remove = (language: string): RemoveCaptions => ({ type: 'RemoveCaptions', showId: f.showId, now: f.now, actor: f.owner, language });
const added = (track: Track) => ({ type: 'CaptionsAdded' as const, data: { showId: f.showId, ...track } });
const removed = (language: string) => ({ type: 'CaptionsRemoved' as const, data: { showId: f.showId, language } });

describe('Show: captions', () => {
  it('records captions for a drafted show', () => {
    given([f.drafted]).when(add(english)).then([added(english)]);
  });

  it('records captions for a published show: they may come after publication', () => {
    given(f.publishedShow).when(add(french)).then([added(french)]);
  });

  it('keeps one track per language, a new one replacing the old in its place', () => {
    const relabelled = { ...english, label: 'English (SDH)', cueCount: 14 };
    const state = given([f.drafted, added(english), added(french), added(relabelled)]).state();
    expect(state.captions).toEqual([
      { language: 'en', label: 'English (SDH)', key: english.key },
      { language: 'fr-CA', label: french.label, key: french.key },
    ]);
  });

  it('removes one language and keeps the others', () => {
    given([f.drafted, added(english), added(french)]).when(remove('en')).then([removed('en')]);
    expect(given([f.drafted, added(english), added(french), removed('en')]).state().captions.map((c) => c.language)).toEqual(['fr-CA']);
  });

  it('removes nothing, and records nothing, for a language the show has no captions in', () => {
    given([f.drafted, added(english)]).when(remove('de')).then([]);
  });

  it('is refused for a show that does not exist, or was withdrawn or deleted', () => {
    given([]).when(add(english)).thenRefuses('SHOW_NOT_FOUND');
    given([f.drafted, f.withdrawn]).when(add(english)).thenRefuses('SHOW_WITHDRAWN');
    given([f.drafted, { type: 'ShowDeleted', data: { showId: f.showId } }]).when(remove('en')).thenRefuses('SHOW_DELETED');
  });
});
