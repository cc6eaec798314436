/** Stream and $all reads, and the head of the log, over a pool (one statement each). */
import type pg from 'pg';
import type { ReadAllOptions, ReadStreamOptions, RecordedEvent } from '../event-store.port.js';
import { StreamNotFoundError } from '../errors.js';
import type { Position } from '../position.js';
import {
  EVENT_COLUMNS,
  type EventRow,
  filterConditions,
  LOG_ORDER,
  LOG_ORDER_DESC,
  POSITION_COLUMNS,
  positionCondition,
  positionOf,
  toRecordedEvent,
} from './event-rows.js';

/** Revisions within a stream are assigned under the stream's lock, so revision order is commit order. */
export async function readStream(
  pool: pg.Pool,
  streamId: string,
  options: ReadStreamOptions = {},
): Promise<RecordedEvent[]> {
  const backwards = options.direction === 'backwards';
  const from = options.fromRevision ?? (backwards ? 'end' : 'start');
  const values: unknown[] = [streamId];
  const conditions = ['stream_id = $1'];
  if (typeof from === 'bigint') {
    values.push(from.toString());
    conditions.push(`stream_revision ${backwards ? '<=' : '>='} $${values.length}::bigint`);
  }
  const readsNothing = (from === 'end' && !backwards) || (from === 'start' && backwards);
  let events: RecordedEvent[] = [];
  if (!readsNothing) {
    const { rows } = await pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE ${conditions.join(' AND ')}
       ORDER BY stream_revision ${backwards ? 'DESC' : 'ASC'} ${limit(options.maxCount, values)}`,
      values,
    );
    events = rows.map(toRecordedEvent);
  }
  if (events.length === 0) {
    const exists = await pool.query('SELECT 1 FROM streams WHERE stream_id = $1 AND revision >= 0', [streamId]);
    if (exists.rowCount === 0) throw new StreamNotFoundError(streamId);
  }
  return events;
}

/**
 * Forwards from a position includes the event at it; backwards from a position starts just before
 * it (as EventStoreDB). One statement, one snapshot: a gapless prefix of the log (event-rows.ts),
 * so the answer is complete for that moment and includes every append that returned before it.
 */
export async function readAll(pool: pg.Pool, options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
  const backwards = options.direction === 'backwards';
  const from = options.fromPosition ?? (backwards ? 'end' : 'start');
  if ((from === 'end' && !backwards) || (from === 'start' && backwards)) return [];
  const values: unknown[] = [];
  const conditions = ['true', ...filterConditions(options.filter, values)];
  if (typeof from === 'object') conditions.push(positionCondition(backwards ? '<' : '>=', from, values));
  const { rows } = await pool.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events WHERE ${conditions.join(' AND ')}
     ORDER BY ${backwards ? LOG_ORDER_DESC : LOG_ORDER} ${limit(options.maxCount, values)}`,
    values,
  );
  return rows.map(toRecordedEvent);
}

export async function headPosition(pool: pg.Pool): Promise<Position | null> {
  const { rows } = await pool.query<{ commit: string; prepare: string }>(
    `SELECT ${POSITION_COLUMNS} FROM events ORDER BY ${LOG_ORDER_DESC} LIMIT 1`,
  );
  return rows[0] ? positionOf(rows[0]) : null;
}

function limit(maxCount: number | undefined, values: unknown[]): string {
  if (maxCount === undefined) return '';
  values.push(maxCount);
  return `LIMIT $${values.length}`;
}
