type Json = Record<string, unknown>;

/** Words for people: changing them never breaks a producer or a consumer. */
const annotations = new Set(['description', 'title', '$comment', 'examples']);

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const strip = (value: unknown): unknown =>
  Array.isArray(value) ? value.map(strip) : isObject(value) ? Object.fromEntries(Object.entries(value).filter(([k]) => !annotations.has(k)).map(([k, v]) => [k, strip(v)])) : value;
const same = (a: unknown, b: unknown) => JSON.stringify(strip(a)) === JSON.stringify(strip(b));
const asStrings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

const propertyChanges = (before: unknown, after: unknown, path: string): string[] => {
  const was = isObject(before) ? before : {};
  const now = isObject(after) ? after : {};
  return [
    ...Object.keys(now).filter((name) => !(name in was)).map((name) => `${path}.${name}: added`),
    ...Object.keys(was).filter((name) => !(name in now)).map((name) => `${path}.${name}: removed`),
    ...Object.keys(now).filter((name) => name in was).flatMap((name) => incompatibilities(was[name], now[name], `${path}.${name}`)),
  ];
};

const setChanges = (before: unknown, after: unknown, path: string, what: string): string[] => [
  ...asStrings(after).filter((v) => !asStrings(before).includes(v)).map((v) => `${path}: ${what} ${v} added`),
  ...asStrings(before).filter((v) => !asStrings(after).includes(v)).map((v) => `${path}: ${what} ${v} removed`),
];

/**
 * How `next` differs from the published `published`, annotations aside (empty: not at all). A published
 * schema version is frozen both ways: stored events of that version must keep validating (so it may not
 * narrow), and consumers built on it must understand every event of that version (so it may not widen).
 * Any change of meaning needs a new schemaVersion, with an upcaster for what is already stored.
 */
export const incompatibilities = (published: unknown, next: unknown, path = '$'): string[] => {
  if (same(published, next)) return [];
  if (!isObject(published) || !isObject(next)) return [`${path}: changed from ${JSON.stringify(strip(published))} to ${JSON.stringify(strip(next))}`];
  const keys = [...new Set([...Object.keys(published), ...Object.keys(next)])].filter((k) => !annotations.has(k) && !same(published[k], next[k]));
  return keys.flatMap((key) => {
    if (key === 'properties') return propertyChanges(published[key], next[key], path);
    if (key === 'required') return setChanges(published[key], next[key], path, 'required field');
    if (key === 'enum') return setChanges(published[key], next[key], path, 'enum value');
    if (key === 'items') return incompatibilities(published[key], next[key], `${path}[]`);
    return [`${path}.${key}: changed from ${JSON.stringify(strip(published[key]))} to ${JSON.stringify(strip(next[key]))}`];
  });
};
