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

/**
 * The log cannot give a complete answer now: the database is unreachable or overloaded, or a read
 * or append could not finish within its bound. Nothing was written (an append) and nothing partial
 * was returned (a read); retrying later is safe. The API answers 503 with Retry-After.
 */
export class EventStoreUnavailableError extends Error {
  constructor(
    message: string,
    /** A sensible wait before trying again. */
    readonly retryAfterSeconds = 1,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'EventStoreUnavailableError';
  }
}
