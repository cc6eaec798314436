/** Translations between the port and @eventstore/db-client (v6): events, errors, filters. */
import {
  ErrorType,
  eventTypeFilter,
  excludeSystemEvents,
  type Filter,
  isCommandError,
  type Position as EsdbPosition,
  type RecordedEvent as EsdbRecordedEvent,
  streamNameFilter,
} from '@eventstore/db-client';
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

const TRANSIENT = new Set<string>([
  ErrorType.UNAVAILABLE,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.TIMEOUT,
  ErrorType.NOT_LEADER,
]);

/** The client's own errors become the port's; anything else passes through unchanged. */
export function toPortError(error: unknown, streamId: string, expected: ExpectedRevision = 'any'): unknown {
  if (!(error instanceof Error) || !isCommandError(error)) return error;
  if (error.type === ErrorType.WRONG_EXPECTED_VERSION)
    return new WrongExpectedVersionError(streamId, expected, error.actualVersion);
  if (error.type === ErrorType.STREAM_NOT_FOUND) return new StreamNotFoundError(streamId);
  if (TRANSIENT.has(error.type))
    return new EventStoreUnavailableError(`EventStoreDB is unavailable: ${error.message}`, 1, { cause: error });
  return error;
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
