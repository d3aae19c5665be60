import type { z } from 'zod';

/** Where a stored event came from, so an operator can find the item: stream id + version is its key. */
export interface StoredEventLocation {
  readonly streamId: string;
  readonly version: number;
  readonly type: string;
  readonly schemaVersion: number;
}

/**
 * A stored event that cannot be read as any known contract: unknown type, a schema version newer than this
 * code knows (deploy the newer code), a context that does not match, or data that fails validation. Reading
 * stops here rather than folding a guess into state.
 */
export class CorruptEventError extends Error {
  readonly location: StoredEventLocation;

  constructor(
    { streamId, version, type, schemaVersion }: StoredEventLocation,
    readonly problem: string,
    readonly issues: readonly z.core.$ZodIssue[] = [],
  ) {
    const location = { streamId, version, type, schemaVersion };
    const where = `stream ${location.streamId} version ${location.version} (${location.type} v${location.schemaVersion})`;
    const details = issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    super(`Corrupt event at ${where}: ${problem}${details ? ` [${details}]` : ''}`);
    this.name = 'CorruptEventError';
    this.location = location;
  }
}

/**
 * A new event whose data breaks its own contract: a bug in the code that produced it (usually a command that
 * was not validated at the boundary). Nothing is written.
 */
export class InvalidNewEventError extends Error {
  constructor(
    readonly type: string,
    problem: string,
    readonly issues: readonly z.core.$ZodIssue[] = [],
  ) {
    const details = issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    super(`Cannot write ${type}: ${problem}${details ? ` [${details}]` : ''}. Validate the command that produced it.`);
    this.name = 'InvalidNewEventError';
  }
}
