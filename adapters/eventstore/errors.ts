import type { ExpectedVersion } from './expectedVersion';

const describeExpected = (expected: ExpectedVersion): string =>
  expected === 'no_stream' ? 'no stream' : expected === 'any' ? 'any version' : `version ${expected}`;

/**
 * Another writer got there first (or the caller's idea of the stream is stale). `actualVersion` is the head
 * seen after the conflict: 0 means the stream does not exist.
 */
export class WrongExpectedVersionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: ExpectedVersion,
    readonly actualVersion: number,
  ) {
    super(
      `Stream ${streamId}: expected ${describeExpected(expectedVersion)} but the stream is at version ${actualVersion}. ` +
        'Reload the stream, decide again on the new state, and append with the new version.',
    );
    this.name = 'WrongExpectedVersionError';
  }
}

/** An item in the events table that is not a valid envelope: written by something other than this store. */
export class StoredEventInvalidError extends Error {
  constructor(
    readonly streamId: string,
    readonly version: unknown,
    readonly problem: string,
  ) {
    super(
      `Stream ${streamId}, version ${String(version)}: the stored item is not a valid event envelope (${problem}). ` +
        'Fix or remove the item in the events table; only the event store may write to it.',
    );
    this.name = 'StoredEventInvalidError';
  }
}

/** DynamoDB transactions hold at most 100 actions; a command that needs more must be split by the domain. */
export class AppendTooLargeError extends Error {
  constructor(readonly actions: number) {
    super(`An append needs ${actions} write actions but one DynamoDB transaction holds at most 100: emit fewer events per command.`);
    this.name = 'AppendTooLargeError';
  }
}

/** The call itself is wrong (no events, a negative version...): a programming error, not a conflict. */
export class InvalidAppendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAppendError';
  }
}
