/** Translations between the port and @kurrent/kurrentdb-client (1.x): events, errors, filters. */
import {
  ErrorType,
  eventTypeFilter,
  excludeSystemEvents,
  type Filter,
  isCommandError,
  type Position as EsdbPosition,
  type RecordedEvent as EsdbRecordedEvent,
  streamNameFilter,
} from '@kurrent/kurrentdb-client';
import { EventStoreUnavailableError, StreamNotFoundError, WrongExpectedVersionError } from '../errors.js';
import type { EventFilter, ExpectedRevision, RecordedEvent } from '../event-store.port.js';

export function toRecordedEvent(event: EsdbRecordedEvent): RecordedEvent {
  if (!event.position) {
    throw new Error(
      `EventStoreDB returned event ${event.id} without its log position (positions on stream reads need server 22.6 or later)`,
    );
  }
  return {
    id: event.id,
    type: event.type,
    streamId: event.streamId,
    revision: event.revision,
    position: { commit: event.position.commit, prepare: event.position.prepare },
    data: event.data,
    // The client drops empty metadata on write and reads it back as undefined; the port says null.
    metadata: event.metadata ?? null,
    createdAt: event.created,
  };
}

/**
 * The port's promise: no client error leaks through it. The client's wrong-expected-version and
 * stream-not-found errors become the port's; the port's own errors and argument errors (TypeError,
 * RangeError) pass unchanged; every other failure (server unavailable, a dropped connection,
 * a timeout, a refusal) becomes an EventStoreUnavailableError carrying it as the cause.
 */
export function toPortError(error: unknown, streamId: string, expected: ExpectedRevision = 'any'): Error {
  if (
    error instanceof WrongExpectedVersionError ||
    error instanceof StreamNotFoundError ||
    error instanceof EventStoreUnavailableError ||
    error instanceof TypeError ||
    error instanceof RangeError
  )
    return error;
  if (error instanceof Error && isCommandError(error)) {
    if (error.type === ErrorType.WRONG_EXPECTED_VERSION)
      return new WrongExpectedVersionError(streamId, expected, error.actualState);
    if (error.type === ErrorType.STREAM_NOT_FOUND) return new StreamNotFoundError(streamId);
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new EventStoreUnavailableError(`KurrentDB could not answer for "${streamId}": ${reason}`, 1, {
    cause: error,
  });
}

/** System events ($-prefixed types: stats, metadata, projection links) are EventStoreDB's own, never ours. */
export function isSystemEventType(type: string): boolean {
  return type.startsWith('$');
}

/** The client-side half of a filter: both prefix lists must match (when given), and system events never do. */
export function matchesFilter(filter: EventFilter | undefined, type: string, streamId: string): boolean {
  if (isSystemEventType(type)) return false;
  if (filter?.eventTypePrefixes?.length && !filter.eventTypePrefixes.some((p) => type.startsWith(p))) return false;
  if (filter?.streamPrefixes?.length && !filter.streamPrefixes.some((p) => streamId.startsWith(p))) return false;
  return true;
}

/**
 * The server-side half: EventStoreDB filters on the event type or on the stream name, not both,
 * so the type prefixes go to the server (they are what projections subscribe by) and the stream
 * prefixes are applied by matchesFilter as well.
 */
export function serverFilter(
  filter: EventFilter | undefined,
  checkpointReached: (position: EsdbPosition) => void,
): Filter {
  const onCheckpoint = (_: unknown, position: EsdbPosition) => checkpointReached(position);
  if (filter?.eventTypePrefixes?.length)
    return eventTypeFilter({ prefixes: filter.eventTypePrefixes, checkpointReached: onCheckpoint });
  if (filter?.streamPrefixes?.length)
    return streamNameFilter({ prefixes: filter.streamPrefixes, checkpointReached: onCheckpoint });
  return excludeSystemEvents({ checkpointReached: onCheckpoint });
}
