import { alertRulesSchema } from './alertRules';
import { alertKeyOf, dimensionBucketKey, InvalidBucketError, parseAlertKey, parseDimensionBucketKey } from './dimensionKeys';

describe('composite keys with # in dimension values', () => {
  // Each pair would share a key if `#` were a plain separator with free text on both sides.
  const values = ['cdn-a', 'cdn-a#2026-03-01T10:00', 'cdn-a#', '#', '##', 'a#b', 'a', 'show#1#2026-03-01T10:05', ''];
  const buckets = ['2026-03-01T10:00', '2026-03-01T10:05'];

  it('gives every (value, bucket) pair its own key, and splits each key back into its pair', () => {
    const pairs = values.flatMap((value) => buckets.map((bucket) => ({ value, bucket })));
    const keys = pairs.map(({ value, bucket }) => dimensionBucketKey(value, bucket));
    expect(new Set(keys).size).toBe(pairs.length);
    expect(keys.map(parseDimensionBucketKey)).toEqual(pairs);
  });

  it('keeps the value "cdn-a#2026-03-01T10:00" in bucket 10:05 apart from "cdn-a" in bucket 10:00', () => {
    const tricky = dimensionBucketKey('cdn-a#2026-03-01T10:00', '2026-03-01T10:05');
    expect(tricky).not.toBe(dimensionBucketKey('cdn-a', '2026-03-01T10:00'));
    expect(parseDimensionBucketKey(tricky)).toEqual({ value: 'cdn-a#2026-03-01T10:00', bucket: '2026-03-01T10:05' });
  });

  it('refuses a bucket that is not the fixed-width start the unambiguity rests on', () => {
    expect(() => dimensionBucketKey('cdn-a', '2026-03-01T10')).toThrow(InvalidBucketError);
    expect(() => dimensionBucketKey('cdn-a', '2026-03-01T10:00#x')).toThrow(InvalidBucketError);
    expect(() => parseDimensionBucketKey('cdn-a-2026-03-01T10:00')).toThrow(InvalidBucketError);
  });

  it('gives each rule and dimension value its own alert key, # in the value or not', () => {
    const keys = ['errors-per-cdn', 'errors'].flatMap((id) => ['per-cdn#x', 'x', 'x#y', '#'].map((value) => ({ id, value, key: alertKeyOf({ id }, value) })));
    expect(new Set(keys.map((k) => k.key)).size).toBe(keys.length);
    expect(keys.map((k) => parseAlertKey(k.key))).toEqual(keys.map((k) => ({ ruleId: k.id, dimensionValue: k.value })));
  });

  it('refuses a rule id with # in configuration, so the alert key stays unambiguous', () => {
    const rule = { id: 'errors#cdn', metric: 'errorRatio', dimension: 'cdn', raiseAbove: 0.1, clearBelow: 0.05, minAttempts: 1, windowMinutes: 5 };
    expect(alertRulesSchema.safeParse([rule]).success).toBe(false);
    expect(() => alertKeyOf({ id: 'errors#cdn' }, 'x')).toThrow('lower-case letters');
  });
});
