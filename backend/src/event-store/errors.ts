import type { ExpectedRevision } from './event-store.port.js';

/** The stream's current revision did not match what the writer expected (optimistic concurrency). */
export class WrongExpectedVersionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's actual last revision, or 'no_stream'. */
    readonly actual: bigint | 'no_stream',
  ) {
    super(`Append to "${streamId}" expected revision ${String(expected)} but the stream is at ${String(actual)}`);
    this.name = 'WrongExpectedVersionError';
  }
}

export class StreamNotFoundError extends Error {
  constructor(readonly streamId: string) {
    super(`Stream "${streamId}" not found`);
    this.name = 'StreamNotFoundError';
  }
}
