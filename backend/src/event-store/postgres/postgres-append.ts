/**
 * One append = one transaction: lock (or create) the stream's row, make EventStoreDB's
 * expected-revision and idempotency check (expected-revision-check.ts), insert the events with
 * consecutive revisions, notify live readers. Locking the stream serialises appends to one stream,
 * so revisions never collide and a repeated append waits for the first one and then sees it.
 */
import type pg from 'pg';
import type { AppendResult, ExpectedRevision, NewEvent } from '../event-store.port.js';
import { asPortError } from './database-errors.js';
import { NOTIFY_CHANNEL, positionOf } from './event-rows.js';
import { checkExpectedRevision } from './expected-revision-check.js';

export async function appendInTransaction(
  pool: pg.Pool,
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
): Promise<AppendResult> {
  const data = events.map((e) => toJson(e.data));
  const metadata = events.map((e) => toJson(e.metadata));
  let client: pg.PoolClient | undefined;
  let broken: Error | undefined;
  try {
    client = await pool.connect();
    await client.query('BEGIN');
    const current = await lockStream(client, streamId);
    const outcome = await checkExpectedRevision(client, streamId, events, expected, current);
    if (outcome !== 'append') {
      await client.query('ROLLBACK');
      return outcome;
    }
    const result = await insertEvents(client, streamId, current + 1n, events, data, metadata);
    await client.query('UPDATE streams SET revision = $2 WHERE stream_id = $1', [
      streamId,
      result.nextExpectedRevision.toString(),
    ]);
    await client.query('SELECT pg_notify($1, $2)', [NOTIFY_CHANNEL, '']);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client?.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
    throw asPortError(error, `append to "${streamId}"`);
  } finally {
    client?.release(broken);
  }
}

/**
 * Returns the stream's last revision (-1 when it has no events) with its row locked until commit.
 * The advisory lock comes first because it does not assign a transaction id: an append gets its
 * id only once the previous append to the stream has committed, so transaction ids (the first
 * part of a position) follow stream revisions and $all never shows a stream out of order. A row
 * lock alone would not do: the waiter takes its transaction id before it starts to wait.
 */
async function lockStream(client: pg.PoolClient, streamId: string): Promise<bigint> {
  await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [streamId]);
  const { rows } = await client.query<{ revision: string }>(
    `INSERT INTO streams (stream_id, revision) VALUES ($1, -1)
     ON CONFLICT (stream_id) DO UPDATE SET revision = streams.revision
     RETURNING revision::text AS revision`,
    [streamId],
  );
  return BigInt(rows[0]!.revision);
}

async function insertEvents(
  client: pg.PoolClient,
  streamId: string,
  firstRevision: bigint,
  events: readonly NewEvent[],
  data: string[],
  metadata: string[],
): Promise<AppendResult> {
  // ORDER BY ord: global positions are drawn in the order the rows are produced, i.e. batch order.
  const { rows } = await client.query<{ commit: string; prepare: string }>(
    `INSERT INTO events (stream_id, stream_revision, event_id, event_type, data, metadata)
     SELECT $1, $2::bigint + t.ord - 1, t.id, t.type, t.data::json, t.metadata::json
     FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS t(id, type, data, metadata, ord)
     ORDER BY t.ord
     RETURNING transaction_id::text AS commit, global_position::text AS prepare`,
    [streamId, firstRevision.toString(), events.map((e) => e.id), events.map((e) => e.type), data, metadata],
  );
  const last = rows.reduce((a, b) => (BigInt(a.prepare) > BigInt(b.prepare) ? a : b));
  return { nextExpectedRevision: firstRevision + BigInt(events.length) - 1n, position: positionOf(last) };
}

/**
 * JSON text for a json column (stored as written); `undefined` is stored as JSON null, which is
 * what it reads back as. A value JSON cannot hold (a BigInt, a cycle) is the caller's TypeError.
 */
function toJson(value: unknown): string {
  return JSON.stringify(value ?? null);
}
