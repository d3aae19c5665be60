/**
 * Composite keys the QoE read model and the alerts are stored under. Dimension values (show id, CDN name) are
 * free text and may hold `#`, so each key is built so that it can be split back without ambiguity:
 *
 * - `<value>#<bucket>`: the bucket is always the 16 characters `YYYY-MM-DDTHH:MM` at the end, so the value is
 *   everything before the last 17 characters, `#` or not. Two different (value, bucket) pairs never share a key,
 *   which is why the stored format needs no escaping and no data migration.
 * - `<rule id>#<value>`: a rule id has no `#` (domain/qos/alertRules.ts refuses one), so the first `#` ends it.
 */
const bucketPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const bucketLength = 16;

export class InvalidBucketError extends Error {
  constructor(bucket: string) {
    super(`a bucket start is YYYY-MM-DDTHH:MM (UTC), got ${JSON.stringify(bucket)}`);
    this.name = 'InvalidBucketError';
  }
}

/** The key of one dimension value's bucket (the metric indexes' partition key). */
export const dimensionBucketKey = (value: string, bucket: string): string => {
  // The fixed-width bucket suffix is what makes the key unambiguous: anything else would break that.
  if (!bucketPattern.test(bucket)) throw new InvalidBucketError(bucket);
  return `${value}#${bucket}`;
};

export const parseDimensionBucketKey = (key: string): { value: string; bucket: string } => {
  const bucket = key.slice(-bucketLength);
  if (key.length < bucketLength + 1 || key[key.length - bucketLength - 1] !== '#' || !bucketPattern.test(bucket)) throw new InvalidBucketError(bucket);
  return { value: key.slice(0, -(bucketLength + 1)), bucket };
};

const ruleIdPattern = /^[a-z0-9-]{1,64}$/;

export class InvalidAlertKeyError extends Error {
  constructor(problem: string) {
    super(problem);
    this.name = 'InvalidAlertKeyError';
  }
}

/** Where an alert's state lives: one per rule and dimension value (the CDN, country or show it watches). */
export const alertKeyOf = (rule: { readonly id: string }, dimensionValue: string): string => {
  if (!ruleIdPattern.test(rule.id)) throw new InvalidAlertKeyError(`alert rule id ${JSON.stringify(rule.id)} must be 1-64 lower-case letters, digits and dashes`);
  return `${rule.id}#${dimensionValue}`;
};

export const parseAlertKey = (key: string): { ruleId: string; dimensionValue: string } => {
  const at = key.indexOf('#');
  if (at < 1) throw new InvalidAlertKeyError(`not an alert key: ${JSON.stringify(key)}`);
  return { ruleId: key.slice(0, at), dimensionValue: key.slice(at + 1) };
};
