import { EventBridgeValidationError } from './errors';

/**
 * The API's own bound on an event pattern (PutRule and TestEventPattern: "Length Constraints: Maximum length of
 * 4096"). The account quota "Event pattern size" starts at 2,048 characters and can be raised to this bound, so the
 * local cloud, which has no quotas to raise, refuses only what no account could deploy.
 */
export const maxEventPatternLength = 4096;

/** @throws EventBridgeValidationError worded as AWS's constraint message when the pattern text is too long. */
export const checkEventPatternLength = (patternText: string): void => {
  if (patternText.length <= maxEventPatternLength) return;
  throw new EventBridgeValidationError(
    `1 validation error detected: Value at 'eventPattern' failed to satisfy constraint: Member must have length less than or equal to ${maxEventPatternLength}`,
  );
};
