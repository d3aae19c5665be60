/**
 * Whether DynamoDB refused a write because its condition did not hold. By name rather than `instanceof`: the
 * error class differs between SDK copies (a bundle, the document client, a test's own client).
 */
export const isConditionFailed = (error: unknown): boolean => error instanceof Error && error.name === 'ConditionalCheckFailedException';
