/** A JSON leaf, the only kind of value a pattern compares against. */
export type Scalar = string | number | boolean | null;

/** Passes or fails a field given every leaf value found there; an empty list means the field is absent. */
export type ValuesTest = (values: readonly Scalar[]) => boolean;

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isScalar = (value: unknown): value is Scalar =>
  value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/**
 * The leaf values EventBridge sees at a field: arrays are "crushed out" (a value matches if any element
 * matches) and an object is an intermediate node, which has no value of its own. That is why `exists: false`
 * matches a field whose value is an object or an empty array, as AWS documents.
 */
export const leafValues = (value: unknown): Scalar[] => {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap(leafValues);
  return isScalar(value) ? [value] : [];
};

/** The objects a nested pattern applies to: one object, or each object inside (nested) arrays. */
export const objectCandidates = (value: unknown): Record<string, unknown>[] => {
  if (Array.isArray(value)) return value.flatMap(objectCandidates);
  return isPlainObject(value) ? [value] : [];
};

export const fieldOf = (node: Record<string, unknown> | undefined, key: string): unknown =>
  node !== undefined && Object.hasOwn(node, key) ? node[key] : undefined;
