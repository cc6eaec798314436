/**
 * Reads one partition's share of the Postgres log, a fixed range of it: the events after a
 * checkpoint up to a position that was the head of the log when the replay started. Everything
 * at or below that head has committed and can no longer change (see event-rows.ts on
 * visibility), so the range needs no snapshot rule and every partition sees the same events.
 *
 * Direct SQL on the `events` table rather than the event-store port: only the Postgres log can
 * filter streams this way on the server. Pages are read one ahead of the caller.
 */
import type pg from 'pg';
import type { RecordedEvent } from '../../event-store/event-store.port.js';
import { EVENT_COLUMNS, positionCondition, toRecordedEvent, type EventRow } from '../../event-store/postgres/event-rows.js';
import type { Position } from '../../event-store/position.js';
import { partitionCondition, type ChannelPartition } from './channel-partition.js';

export interface PartitionRange {
  partition: ChannelPartition;
  types: readonly string[];
  /** Exclusive; null: from the start of the log. */
  after: Position | null;
  /** Inclusive. */
  upTo: Position;
  pageSize: number;
}

async function readPage(pool: pg.Pool, range: PartitionRange, after: Position | null): Promise<RecordedEvent[]> {
  const values: unknown[] = [range.types];
  const conditions = ['event_type = ANY($1::text[])', partitionCondition(values, range.partition), positionCondition('<=', range.upTo, values)];
  if (after) conditions.push(positionCondition('>', after, values));
  values.push(range.pageSize);
  const { rows } = await pool.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events WHERE ${conditions.join(' AND ')}
     ORDER BY transaction_id, global_position LIMIT $${values.length}`,
    values,
  );
  return rows.map(toRecordedEvent);
}

export async function* readPartition(pool: pg.Pool, range: PartitionRange): AsyncGenerator<RecordedEvent[]> {
  let next = readPage(pool, range, range.after);
  for (;;) {
    const page = await next;
    if (page.length === 0) return;
    const last = page[page.length - 1]!.position;
    next = page.length < range.pageSize ? Promise.resolve([]) : readPage(pool, range, last);
    // If the caller stops before taking it, its failure is of no interest.
    next.catch(() => undefined);
    yield page;
  }
}
