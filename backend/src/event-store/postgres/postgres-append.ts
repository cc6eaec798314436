/**
 * One append = one transaction: lock (or create) the stream's row, settle idempotency, check
 * the expected revision, insert the events with consecutive revisions, notify live readers.
 * Locking the `streams` row serialises appends to one stream, so revisions never collide and a
 * duplicate append to the same stream waits for the first one and then sees it.
 */
import type pg from 'pg';
import type { AppendResult, ExpectedRevision, NewEvent } from '../event-store.port.js';
import { WrongExpectedVersionError } from '../errors.js';
import { NOTIFY_CHANNEL, positionOf } from './event-rows.js';

const NO_STREAM = -1n;

/** An event id already stored in another stream: the Postgres log keeps event ids unique across the whole log. */
export class EventIdConflictError extends Error {
  constructor(
    readonly eventId: string,
    readonly streamId: string,
    readonly storedInStreamId: string,
  ) {
    super(`Event ${eventId} cannot be appended to "${streamId}": it is already stored in "${storedInStreamId}"`);
    this.name = 'EventIdConflictError';
  }
}

export async function appendInTransaction(
  pool: pg.Pool,
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
): Promise<AppendResult> {
  // A concurrent append of the same ids to another stream only shows up as a unique violation;
  // running again sees the committed rows and ends idempotent or as a clear conflict.
  for (let attempt = 1; ; attempt++) {
    try {
      return await tryAppend(pool, streamId, events, expected);
    } catch (error) {
      if (attempt >= 3 || !isEventIdViolation(error)) throw error;
    }
  }
}

async function tryAppend(
  pool: pg.Pool,
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
): Promise<AppendResult> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const current = await lockStream(client, streamId);
    const already = await findAlreadyAppended(client, streamId, events, expected, current);
    if (already) {
      await client.query('ROLLBACK');
      return already;
    }
    assertExpected(streamId, expected, current);
    const result = await insertEvents(client, streamId, current + 1n, events);
    await client.query('UPDATE streams SET revision = $2 WHERE stream_id = $1', [
      streamId,
      result.nextExpectedRevision.toString(),
    ]);
    await client.query('SELECT pg_notify($1, $2)', [NOTIFY_CHANNEL, '']);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    client.release(broken);
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

function assertExpected(streamId: string, expected: ExpectedRevision, current: bigint): void {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && current === NO_STREAM) ||
    (expected === 'stream_exists' && current !== NO_STREAM) ||
    (typeof expected === 'bigint' && expected === current);
  if (!ok) throw new WrongExpectedVersionError(streamId, expected, current === NO_STREAM ? 'no_stream' : current);
}

/**
 * EventStoreDB's idempotency: if the batch is already stored, in this stream, at consecutive
 * revisions, the append succeeds and writes nothing. The expected revision must still fit the
 * original append (its revision, or no_stream for a batch that created the stream) or the
 * stream as it is now; a batch only partly stored is a WrongExpectedVersion, as in EventStoreDB.
 */
async function findAlreadyAppended(
  client: pg.PoolClient,
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
  current: bigint,
): Promise<AppendResult | null> {
  const first = events[0]!.id.toLowerCase();
  const found = await client.query<{ stream_id: string; revision: string }>(
    'SELECT stream_id, stream_revision::text AS revision FROM events WHERE event_id = $1',
    [first],
  );
  const hit = found.rows[0];
  if (!hit) return null;
  if (hit.stream_id !== streamId) throw new EventIdConflictError(first, streamId, hit.stream_id);
  const start = BigInt(hit.revision);
  const { rows } = await client.query<{ event_id: string; commit: string; prepare: string }>(
    `SELECT event_id::text AS event_id, transaction_id::text AS commit, global_position::text AS prepare
     FROM events WHERE stream_id = $1 AND stream_revision >= $2 ORDER BY stream_revision LIMIT $3`,
    [streamId, start.toString(), events.length],
  );
  const actual = current === NO_STREAM ? 'no_stream' : current;
  const sameBatch =
    rows.length === events.length && rows.every((row, i) => row.event_id === events[i]!.id.toLowerCase());
  if (!sameBatch) throw new WrongExpectedVersionError(streamId, expected, actual);
  const fits =
    expected === 'any' ||
    expected === 'stream_exists' ||
    (expected === 'no_stream' && start === 0n) ||
    (typeof expected === 'bigint' && (expected === start - 1n || expected === current));
  if (!fits) throw new WrongExpectedVersionError(streamId, expected, actual);
  return { nextExpectedRevision: start + BigInt(events.length) - 1n, position: positionOf(rows[rows.length - 1]!) };
}

async function insertEvents(
  client: pg.PoolClient,
  streamId: string,
  firstRevision: bigint,
  events: readonly NewEvent[],
): Promise<AppendResult> {
  // ORDER BY ord: global positions are drawn in the order the rows are produced, i.e. batch order.
  const { rows } = await client.query<{ commit: string; prepare: string }>(
    `INSERT INTO events (stream_id, stream_revision, event_id, event_type, data, metadata)
     SELECT $1, $2::bigint + t.ord - 1, t.id, t.type, t.data::json, t.metadata::json
     FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS t(id, type, data, metadata, ord)
     ORDER BY t.ord
     RETURNING transaction_id::text AS commit, global_position::text AS prepare`,
    [
      streamId,
      firstRevision.toString(),
      events.map((e) => e.id),
      events.map((e) => e.type),
      events.map((e) => toJson(e.data)),
      events.map((e) => toJson(e.metadata)),
    ],
  );
  const last = rows.reduce((a, b) => (BigInt(a.prepare) > BigInt(b.prepare) ? a : b));
  return { nextExpectedRevision: firstRevision + BigInt(events.length) - 1n, position: positionOf(last) };
}

/** JSON text for a json column (stored as written); `undefined` is stored as JSON null, which is what it reads back as. */
function toJson(value: unknown): string {
  return JSON.stringify(value ?? null);
}

function isEventIdViolation(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string };
  return e?.code === '23505' && e.constraint === 'events_event_id_key';
}
