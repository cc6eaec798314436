/**
 * Bulk-loads a generated log straight into the Postgres event store's tables, bypassing the port:
 * appending a million events one stream at a time would take longer than the benchmark itself.
 * It keeps the store's invariants (see event-store/postgres/postgres-append.ts): revisions
 * consecutive from 0 per stream, `streams.revision` = last revision, and positions taken with
 * `event_log_take_positions` in generation order, as an append takes them.
 */
import cliProgress from 'cli-progress';
import type pg from 'pg';
import type { GeneratedEvent } from './rebuild-generate.js';

/** Rows per INSERT (7 array parameters, a few MB of JSON) and statements per transaction. */
const ROWS_PER_STATEMENT = 5000;
const STATEMENTS_PER_TRANSACTION = 20;

export interface LoadResult {
  events: number;
  streams: number;
  bytes: number;
  ms: number;
}

interface Chunk {
  streamIds: string[];
  revisions: string[];
  ids: string[];
  types: string[];
  data: string[];
  metadata: string[];
  createdAt: string[];
  /** Streams in this chunk → their last revision in it. */
  touched: Map<string, number>;
}

export async function loadEvents(pool: pg.Pool, events: Iterator<GeneratedEvent>, total: number): Promise<LoadResult> {
  const revisions = new Map<string, number>();
  const bar = new cliProgress.SingleBar(
    {
      format: 'generate+load [{bar}] {percentage}% | {value}/{total} events | {rate} events/s | {duration}s',
      stream: process.stderr,
      barsize: 30,
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 5000,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = performance.now();
  bar.start(total, 0, { rate: 0 });
  let loaded = 0;
  let bytes = 0;

  const nextChunk = (): Chunk | null => {
    const chunk: Chunk = {
      streamIds: [],
      revisions: [],
      ids: [],
      types: [],
      data: [],
      metadata: [],
      createdAt: [],
      touched: new Map(),
    };
    for (let i = 0; i < ROWS_PER_STATEMENT; i++) {
      const step = events.next();
      if (step.done) break;
      const e = step.value;
      const revision = (revisions.get(e.streamId) ?? -1) + 1;
      revisions.set(e.streamId, revision);
      chunk.touched.set(e.streamId, revision);
      chunk.streamIds.push(e.streamId);
      chunk.revisions.push(String(revision));
      chunk.ids.push(e.id);
      chunk.types.push(e.type);
      chunk.data.push(e.data);
      chunk.metadata.push(e.metadata);
      chunk.createdAt.push(e.fetchedAt); // appended right after the fetch
      bytes += e.data.length + e.metadata.length;
    }
    return chunk.ids.length > 0 ? chunk : null;
  };

  const client = await pool.connect();
  try {
    // Durability of a throw-away log does not matter; the commit's WAL flush is not what we measure.
    await client.query('SET synchronous_commit = off');
    let chunk = nextChunk();
    while (chunk) {
      await client.query('BEGIN');
      const touched = new Map<string, number>();
      for (let s = 0; s < STATEMENTS_PER_TRANSACTION && chunk; s++) {
        const inserting = insertChunk(client, chunk);
        for (const [stream, revision] of chunk.touched) touched.set(stream, revision);
        const count = chunk.ids.length;
        // Generate the next chunk while PostgreSQL (another process, the other core) inserts this one.
        chunk = nextChunk();
        await inserting;
        loaded += count;
        bar.update(loaded, { rate: Math.round(loaded / ((performance.now() - started) / 1000)) });
      }
      await upsertStreams(client, touched);
      await client.query('COMMIT');
    }
    await client.query('RESET synchronous_commit');
    // As a log that has been around for a while: hint bits set and statistics known, so the first read is not also a write.
    await client.query('VACUUM (ANALYZE) events');
    await client.query('ANALYZE streams');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
    bar.stop();
  }
  return { events: loaded, streams: revisions.size, bytes, ms: performance.now() - started };
}

function insertChunk(client: pg.PoolClient, c: Chunk): Promise<unknown> {
  // Positions from the head, as an append takes them (postgres-append.ts), in generation order.
  return client.query(
    `WITH head AS (SELECT event_log_take_positions($8) AS base)
     INSERT INTO events (position_commit, position_prepare, stream_id, stream_revision, event_id, event_type, data, metadata, created_at)
     SELECT head.base + t.ord, head.base + t.ord, t.s, t.r, t.id, t.ty, t.d, t.m, t.c
     FROM head, unnest($1::text[], $2::bigint[], $3::uuid[], $4::text[], $5::json[], $6::json[], $7::timestamptz[])
       WITH ORDINALITY AS t(s, r, id, ty, d, m, c, ord)`,
    [c.streamIds, c.revisions, c.ids, c.types, c.data, c.metadata, c.createdAt, c.ids.length],
  );
}

function upsertStreams(client: pg.PoolClient, touched: Map<string, number>): Promise<unknown> {
  return client.query(
    `INSERT INTO streams (stream_id, revision) SELECT * FROM unnest($1::text[], $2::bigint[])
     ON CONFLICT (stream_id) DO UPDATE SET revision = EXCLUDED.revision`,
    [[...touched.keys()], [...touched.values()].map(String)],
  );
}
