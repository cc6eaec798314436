/**
 * Reads one partition's share of the Postgres log, a fixed range of it: the events after a
 * checkpoint up to a position that was the head of the log when the replay started. Everything
 * at or below that head has committed and can no longer change (see event-rows.ts on
 * visibility), so the range needs no snapshot rule and every partition sees the same events.
 *
 * Direct SQL on the `events` table rather than the event-store port: only the Postgres log can
 * filter streams this way on the server. Pages are read one ahead of the caller. Each event comes
 * whole (data and metadata), but only with the columns a replay uses, in the forms cheapest to
 * parse (no stream revision; the append time as a number).
 */
import type pg from 'pg';
import { positionCondition } from '../../event-store/postgres/event-rows.js';
import type { Position } from '../../event-store/position.js';
import type { EventInLog } from '../build-applier.js';
import { partitionCondition, type ChannelPartition } from './channel-partition.js';
import { must } from '../../must.js';

export interface PartitionRange {
  partition: ChannelPartition;
  /** Event types read for builds split by channel: this partition's share of them. */
  types: readonly string[];
  /** Event types read whole, whichever channel (builds replayed whole, in partition 0). */
  wholeTypes: readonly string[];
  /** Exclusive; null: from the start of the log. */
  after: Position | null;
  /** Inclusive. */
  upTo: Position;
  pageSize: number;
}

/** What a replay needs of a recorded event. */
export interface ReplayedEvent extends EventInLog {
  streamId: string;
  data: unknown;
  metadata: unknown;
}

// Aliased: an output column named like a table column would be what ORDER BY sorts (as text).
const COLUMNS = `position_commit::text AS commit, position_prepare::text AS prepare, event_id::text AS id, event_type, stream_id, data, metadata,
  (extract(epoch FROM created_at) * 1000)::float8 AS created_at_ms`;

type Row = [
  commit: string,
  prepare: string,
  id: string,
  type: string,
  streamId: string,
  data: unknown,
  metadata: unknown,
  createdAtMs: number,
];

async function readPage(pool: pg.Pool, range: PartitionRange, after: Position | null): Promise<ReplayedEvent[]> {
  const values: unknown[] = [range.types, range.wholeTypes];
  const share = `((event_type = ANY($1::text[]) AND ${partitionCondition(values, range.partition)}) OR event_type = ANY($2::text[]))`;
  const conditions = [share, positionCondition('<=', range.upTo, values)];
  if (after) conditions.push(positionCondition('>', after, values));
  values.push(range.pageSize);
  const { rows } = await pool.query<Row>({
    text: `SELECT ${COLUMNS} FROM events WHERE ${conditions.join(' AND ')} ORDER BY position_commit, position_prepare LIMIT $${values.length}`,
    values,
    rowMode: 'array',
  });
  return rows.map(([commit, prepare, id, type, streamId, data, metadata, createdAtMs]) => ({
    id,
    type,
    streamId,
    data,
    metadata,
    position: { commit: BigInt(commit), prepare: BigInt(prepare) },
    createdAt: new Date(createdAtMs),
  }));
}

export async function* readPartition(pool: pg.Pool, range: PartitionRange): AsyncGenerator<ReplayedEvent[]> {
  let next = readPage(pool, range, range.after);
  for (;;) {
    const page = await next;
    if (page.length === 0) return;
    const last = must(page[page.length - 1], 'page[page.length - 1]').position;
    next = page.length < range.pageSize ? Promise.resolve([]) : readPage(pool, range, last);
    // If the caller stops before taking it, its failure is of no interest.
    next.catch(() => undefined);
    yield page;
  }
}
