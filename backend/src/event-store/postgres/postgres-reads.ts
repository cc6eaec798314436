/** Stream and $all reads, and the head of the log, over a pool (one statement each). */
import type pg from 'pg';
import type { ReadAllOptions, ReadStreamOptions, RecordedEvent } from '../event-store.port.js';
import { StreamNotFoundError } from '../errors.js';
import type { Position } from '../position.js';
import {
  EVENT_COLUMNS,
  type EventRow,
  filterConditions,
  positionCondition,
  positionOf,
  toRecordedEvent,
  VISIBLE_IN_ALL,
} from './event-rows.js';

/**
 * A stream read is not held back by the xmin rule: revisions within a stream are assigned under
 * the stream's row lock, so revision order is commit order, and writers must read their own
 * appends at once to compute the next expected revision.
 */
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

/** Forwards from a position includes the event at it; backwards from a position starts just before it (as EventStoreDB). */
export async function readAll(pool: pg.Pool, options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
  await untilCommittedEventsAreSafe(pool);
  const backwards = options.direction === 'backwards';
  const from = options.fromPosition ?? (backwards ? 'end' : 'start');
  if ((from === 'end' && !backwards) || (from === 'start' && backwards)) return [];
  const values: unknown[] = [];
  const conditions = [VISIBLE_IN_ALL, ...filterConditions(options.filter, values)];
  if (typeof from === 'object') conditions.push(positionCondition(backwards ? '<' : '>=', from, values));
  const direction = backwards ? 'DESC' : 'ASC';
  const { rows } = await pool.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events WHERE ${conditions.join(' AND ')}
     ORDER BY transaction_id ${direction}, global_position ${direction} ${limit(options.maxCount, values)}`,
    values,
  );
  return rows.map(toRecordedEvent);
}

export async function headPosition(pool: pg.Pool): Promise<Position | null> {
  await untilCommittedEventsAreSafe(pool);
  const { rows } = await pool.query<{ commit: string; prepare: string }>(
    `SELECT transaction_id::text AS commit, global_position::text AS prepare FROM events
     WHERE ${VISIBLE_IN_ALL} ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
  );
  return rows[0] ? positionOf(rows[0]) : null;
}

/**
 * Read-your-writes for $all: an append that has committed is hidden by the xmin rule while any
 * older transaction anywhere on the server is still open (usually for milliseconds). Wait until
 * the high-water mark has passed every event committed so far, so a read right after an append
 * sees it, as on EventStoreDB. Bounded: after the limit, read what is safe to read.
 */
async function untilCommittedEventsAreSafe(pool: pg.Pool, limitMs = 5_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  for (let delayMs = 2; ; delayMs = Math.min(delayMs * 2, 100)) {
    const { rows } = await pool.query<{ safe: boolean }>(
      `SELECT coalesce((SELECT max(transaction_id) FROM events) < pg_snapshot_xmin(pg_current_snapshot()), true) AS safe`,
    );
    if (rows[0]?.safe || Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
}

function limit(maxCount: number | undefined, values: unknown[]): string {
  if (maxCount === undefined) return '';
  values.push(maxCount);
  return `LIMIT $${values.length}`;
}
