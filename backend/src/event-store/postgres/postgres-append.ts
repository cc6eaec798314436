/**
 * Appends, several at once: one transaction writes a group of appends to distinct streams
 * (append-queue.ts forms the groups). In it:
 *
 * 1. lock (or create) each stream's row, in stream-id order so concurrent groups never deadlock,
 *    and read its revision;
 * 2. make EventStoreDB's expected-revision and idempotency check for each append
 *    (expected-revision-check.ts); an append that fails it is answered alone, the others go on;
 * 3. in one last statement, take positions from `event_log_head` (its row stays locked until
 *    commit: position order is commit order, see event-rows.ts), insert every event, move the
 *    streams' revisions on and notify live readers;
 * 4. commit, durably (no synchronous_commit = off): an append is acknowledged once flushed.
 *
 * The head is taken last, so an append holds it only for its insert and commit, and never waits
 * for a stream lock while holding it.
 */
import type pg from 'pg';
import type { AppendResult, ExpectedRevision, NewEvent } from '../event-store.port.js';
import { WrongExpectedVersionError } from '../errors.js';
import { asPortError } from './database-errors.js';
import { NOTIFY_CHANNEL } from './event-rows.js';
import { checkExpectedRevision } from './expected-revision-check.js';

/** An append waiting for the head longer than this fails as unavailable instead of hanging. */
const LOCK_TIMEOUT = '10s';

export interface PendingAppend {
  streamId: string;
  events: readonly NewEvent[];
  expected: ExpectedRevision;
  /** The events' data and metadata as JSON text, made by the caller (a value JSON cannot hold fails there). */
  data: string[];
  metadata: string[];
}

/** Per append, in the order given: its result or the WrongExpectedVersionError it met. */
export type AppendOutcome = AppendResult | WrongExpectedVersionError;

export async function appendGroup(pool: pg.Pool, group: readonly PendingAppend[]): Promise<AppendOutcome[]> {
  let client: pg.PoolClient | undefined;
  let broken: Error | undefined;
  try {
    client = await pool.connect();
    await client.query(`BEGIN; SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
    const outcomes = await appendInTransaction(client, group);
    await client.query('COMMIT');
    return outcomes;
  } catch (error) {
    await client?.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
    throw asPortError(
      error,
      group.length === 1 ? `append to "${group[0]!.streamId}"` : `append to ${group.length} streams`,
    );
  } finally {
    client?.release(broken);
  }
}

/** Steps 1–3 in an open transaction; streams must be distinct. Exported for tests that hold an append open. */
export async function appendInTransaction(
  client: pg.ClientBase,
  group: readonly PendingAppend[],
): Promise<AppendOutcome[]> {
  const current = await lockStreams(
    client,
    group.map((a) => a.streamId),
  );
  const outcomes: Array<AppendOutcome | 'append'> = [];
  for (const append of group) {
    try {
      outcomes.push(
        await checkExpectedRevision(
          client,
          append.streamId,
          append.events,
          append.expected,
          current.get(append.streamId)!,
        ),
      );
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      outcomes.push(error);
    }
  }
  const writing = group.filter((_, i) => outcomes[i] === 'append');
  if (writing.length === 0) return outcomes as AppendOutcome[];
  const base = await insertEvents(client, writing, current);
  let offset = 0n;
  const written = new Map<PendingAppend, AppendResult>();
  for (const append of writing) {
    offset += BigInt(append.events.length);
    const position = base + offset;
    const nextExpectedRevision = current.get(append.streamId)! + BigInt(append.events.length);
    written.set(append, { nextExpectedRevision, position: { commit: position, prepare: position } });
  }
  return group.map((append, i) => (outcomes[i] === 'append' ? written.get(append)! : (outcomes[i] as AppendOutcome)));
}

/** Each stream's last revision (-1 when it has no events), its row locked until commit. */
async function lockStreams(client: pg.ClientBase, streamIds: readonly string[]): Promise<Map<string, bigint>> {
  const sorted = [...streamIds].sort();
  const { rows } = await client.query<{ stream_id: string; revision: string }>(
    `INSERT INTO streams (stream_id, revision)
     SELECT s, -1 FROM unnest($1::text[]) WITH ORDINALITY AS u(s, o) ORDER BY o
     ON CONFLICT (stream_id) DO UPDATE SET revision = streams.revision
     RETURNING stream_id, revision::text AS revision`,
    [sorted],
  );
  return new Map(rows.map((row) => [row.stream_id, BigInt(row.revision)]));
}

/**
 * One statement: positions from the head (locked from here to commit), the events, the streams'
 * new revisions, the notification. Returns the position before the first event written.
 */
async function insertEvents(
  client: pg.ClientBase,
  writing: readonly PendingAppend[],
  current: ReadonlyMap<string, bigint>,
): Promise<bigint> {
  const streams: string[] = [];
  const revisions: string[] = [];
  const ids: string[] = [];
  const types: string[] = [];
  const data: string[] = [];
  const metadata: string[] = [];
  for (const append of writing) {
    const first = current.get(append.streamId)! + 1n;
    append.events.forEach((event, i) => {
      streams.push(append.streamId);
      revisions.push((first + BigInt(i)).toString());
      ids.push(event.id);
      types.push(event.type);
    });
    data.push(...append.data);
    metadata.push(...append.metadata);
  }
  const { rows } = await client.query<{ base: string }>(
    `WITH head AS (
       UPDATE event_log_head SET last_position = last_position + $1 RETURNING last_position - $1 AS base
     ), inserted AS (
       INSERT INTO events (position_commit, position_prepare, stream_id, stream_revision, event_id, event_type, data, metadata)
       SELECT head.base + t.ord, head.base + t.ord, t.s, t.r, t.id, t.ty, t.d::json, t.m::json
       FROM head, unnest($2::text[], $3::bigint[], $4::uuid[], $5::text[], $6::text[], $7::text[])
         WITH ORDINALITY AS t(s, r, id, ty, d, m, ord)
     ), moved AS (
       UPDATE streams SET revision = u.r FROM unnest($8::text[], $9::bigint[]) AS u(s, r) WHERE stream_id = u.s
     )
     SELECT head.base::text AS base, pg_notify($10, '') FROM head`,
    [
      ids.length,
      streams,
      revisions,
      ids,
      types,
      data,
      metadata,
      writing.map((a) => a.streamId),
      writing.map((a) => (current.get(a.streamId)! + BigInt(a.events.length)).toString()),
      NOTIFY_CHANNEL,
    ],
  );
  return BigInt(rows[0]!.base);
}

/**
 * JSON text for a json column (stored as written); `undefined` is stored as JSON null, which is
 * what it reads back as. A value JSON cannot hold (a BigInt, a cycle) is the caller's TypeError.
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value ?? null);
}
