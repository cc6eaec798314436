/**
 * The SQL pieces every Postgres read shares: the columns, the visibility rule and filters.
 *
 * Visibility: a row is readable from $all only once its transaction id is below the xmin of the
 * reader's snapshot, i.e. once every transaction that could still commit with a smaller position
 * has finished. Sequence values are taken before commit, so ordering by global_position alone
 * lets a reader checkpoint past an event that commits late; ordering by (transaction_id,
 * global_position) below xmin cannot, because anything still to commit has a transaction id at or
 * above xmin and therefore sorts after everything already read.
 */
import type { EventFilter, RecordedEvent } from '../event-store.port.js';
import type { Position } from '../position.js';

/** Channel an append notifies on commit, so live subscriptions wake without waiting for a poll. */
export const NOTIFY_CHANNEL = 'event_store_appended';

/** An event's position, as the `commit` and `prepare` columns positionOf reads. */
export const POSITION_COLUMNS = 'transaction_id::text AS commit, global_position::text AS prepare';

export const EVENT_COLUMNS = `${POSITION_COLUMNS}, stream_id,
  stream_revision::text AS revision, event_id::text AS event_id, event_type, data, metadata, created_at`;

export const VISIBLE_IN_ALL = 'transaction_id < pg_snapshot_xmin(pg_current_snapshot())';

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

/** Row comparison against the primary key (transaction_id, global_position), so the index drives it. */
export function positionCondition(operator: '>' | '>=' | '<' | '<=', position: Position, values: unknown[]): string {
  values.push(position.commit.toString(), position.prepare.toString());
  return `(transaction_id, global_position) ${operator} ($${values.length - 1}::xid8, $${values.length}::bigint)`;
}
