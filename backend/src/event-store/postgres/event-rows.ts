/**
 * The SQL pieces every Postgres read shares: the columns, positions and filters.
 *
 * Visibility needs no rule of its own: an append takes its positions at the end of its transaction
 * under a lock it holds until it has committed (`event_log_take_positions`), so positions are given
 * out in commit order and every snapshot sees a gapless prefix of the log (see
 * migrations/src/1764000000032-event-log-commit-order.ts and …040). A reader that has read everything up to
 * a position has everything that will ever sort below it; nothing outside the log (other
 * databases, other tables, idle sessions) holds it back.
 */
import type { EventFilter, RecordedEvent } from '../event-store.port.js';
import type { Position } from '../position.js';

/** Channel an append notifies on commit, so live subscriptions wake without waiting for a poll. */
export const NOTIFY_CHANNEL = 'event_store_appended';

/** An event's position, as the `commit` and `prepare` columns positionOf reads. */
export const POSITION_COLUMNS = 'position_commit::text AS commit, position_prepare::text AS prepare';

/** Log order (the primary key). */
export const LOG_ORDER = 'position_commit, position_prepare';
export const LOG_ORDER_DESC = 'position_commit DESC, position_prepare DESC';

export const EVENT_COLUMNS = `${POSITION_COLUMNS}, stream_id,
  stream_revision::text AS revision, event_id::text AS event_id, event_type, data, metadata, created_at`;

export interface EventRow {
  commit: string;
  prepare: string;
  stream_id: string;
  revision: string;
  event_id: string;
  event_type: string;
  data: unknown;
  metadata: unknown;
  created_at: Date;
}

export function positionOf(row: { commit: string; prepare: string }): Position {
  return { commit: BigInt(row.commit), prepare: BigInt(row.prepare) };
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    type: row.event_type,
    streamId: row.stream_id,
    revision: BigInt(row.revision),
    position: positionOf(row),
    data: row.data,
    metadata: row.metadata,
    createdAt: row.created_at,
  };
}

/** SQL conditions for a filter; their parameters are pushed onto `values` and numbered after what is there. */
export function filterConditions(filter: EventFilter | undefined, values: unknown[]): string[] {
  const conditions: string[] = [];
  if (filter?.eventTypePrefixes?.length) {
    values.push(filter.eventTypePrefixes);
    conditions.push(`event_type ^@ ANY($${values.length}::text[])`);
  }
  if (filter?.streamPrefixes?.length) {
    values.push(filter.streamPrefixes);
    conditions.push(`stream_id ^@ ANY($${values.length}::text[])`);
  }
  return conditions;
}

/** Row comparison against the primary key (position_commit, position_prepare), so the index drives it. */
export function positionCondition(operator: '>' | '>=' | '<' | '<=', position: Position, values: unknown[]): string {
  values.push(asBigint(position.commit), asBigint(position.prepare));
  return `(position_commit, position_prepare) ${operator} ($${values.length - 1}::bigint, $${values.length}::bigint)`;
}

const MAX_BIGINT = 9223372036854775807n;

/**
 * A position part as a bigint parameter. Positions of this log never reach the bigint maximum, so
 * a larger one (a well-formed position from elsewhere: EventStoreDB's are unsigned 64-bit) is
 * compared as the maximum, which orders it the same against every stored position.
 */
function asBigint(part: bigint): string {
  return (part > MAX_BIGINT ? MAX_BIGINT : part).toString();
}
