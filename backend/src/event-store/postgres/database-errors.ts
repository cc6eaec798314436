/**
 * The port's promise: no driver error leaks through it. The store's own errors (wrong expected
 * version, stream not found, bad arguments) pass unchanged; whatever the database or the driver
 * raises becomes an EventStoreUnavailableError carrying it as the cause: the operation did not
 * happen (an append's transaction rolled back) and may be retried.
 */
import { EventStoreUnavailableError, StreamNotFoundError, WrongExpectedVersionError } from '../errors.js';

export function asPortError(error: unknown, operation: string): Error {
  if (
    error instanceof WrongExpectedVersionError ||
    error instanceof StreamNotFoundError ||
    error instanceof EventStoreUnavailableError ||
    error instanceof TypeError ||
    error instanceof RangeError
  )
    return error;
  const reason = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  return new EventStoreUnavailableError(
    `The event log could not ${operation}: ${reason}${typeof code === 'string' ? ` (${code})` : ''}`,
    1,
    { cause: error },
  );
}
