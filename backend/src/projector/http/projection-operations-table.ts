/**
 * The `projection_operations` table (migration 070): one row per rebuild or replay started from the
 * admin console, whichever instance runs it. Every statement on it is a named function here.
 *
 * A running row whose heartbeat is older than `staleSeconds` belongs to a process that died: it
 * reads as failed ("abandoned") at once, and `markAbandoned` records that for good.
 */
import type pg from 'pg';

export type OperationKind = 'rebuild' | 'replay';
export type OperationStatus = 'running' | 'completed' | 'failed';

export interface ProjectionOperation {
  id: string;
  kind: OperationKind;
  /** The projection rebuilt; null for a replay of every projection. */
  projection: string | null;
  status: OperationStatus;
  /** Events applied to the new build(s) so far (as of the running instance's last report). */
  eventsProcessed: number;
  /** Handled events in the log when it started (Postgres log only; null otherwise). */
  total: number | null;
  startedAt: string;
  finishedAt: string | null;
  /** What went wrong, in words, when it failed; for a replay, the projections that failed. */
  error: string | null;
}

/** What the running instance reports: its counts so far. */
export interface OperationCounts {
  eventsProcessed: number;
  total: number | null;
}

interface OperationRow {
  id: string;
  kind: OperationKind;
  projection: string | null;
  status: OperationStatus;
  events_processed: string;
  total: string | null;
  holder: string;
  started_at: Date;
  heartbeat_at: Date;
  finished_at: Date | null;
  error: string | null;
  /** Computed: running, and its heartbeat older than the staleness bound. */
  abandoned: boolean;
}

/** Every column, and whether a running row was abandoned ($1: the staleness in seconds). */
const SELECT = `SELECT id, kind, projection, status, events_processed::text, total::text, holder, started_at,
  heartbeat_at, finished_at, error, (status = 'running' AND heartbeat_at < now() - make_interval(secs => $1)) AS abandoned
  FROM projection_operations`;

const abandonedBecause = (holder: string, heartbeatAt: Date) =>
  `abandoned: the server process running it (${holder}) stopped reporting at ${heartbeatAt.toISOString()}; start it again`;

function operationOf(row: OperationRow): ProjectionOperation {
  return {
    id: row.id,
    kind: row.kind,
    projection: row.projection,
    status: row.abandoned ? 'failed' : row.status,
    eventsProcessed: Number(row.events_processed),
    total: row.total === null ? null : Number(row.total),
    startedAt: row.started_at.toISOString(),
    finishedAt: row.abandoned ? row.heartbeat_at.toISOString() : (row.finished_at?.toISOString() ?? null),
    error: row.abandoned ? abandonedBecause(row.holder, row.heartbeat_at) : row.error,
  };
}

/** The newest `limit` operations, newest first. */
export async function findNewestOperations(
  db: pg.Pool,
  staleSeconds: number,
  limit: number,
): Promise<ProjectionOperation[]> {
  const { rows } = await db.query<OperationRow>(`${SELECT} ORDER BY started_at DESC, id LIMIT $2`, [
    staleSeconds,
    limit,
  ]);
  return rows.map(operationOf);
}

export async function findOperation(
  db: pg.Pool,
  staleSeconds: number,
  id: string,
): Promise<ProjectionOperation | undefined> {
  const { rows } = await db.query<OperationRow>(`${SELECT} WHERE id = $2`, [staleSeconds, id]);
  return rows[0] && operationOf(rows[0]);
}

/** The operation running now on some instance (its heartbeat fresh), if any. */
export async function findRunningOperation(
  db: pg.Pool,
  staleSeconds: number,
): Promise<ProjectionOperation | undefined> {
  const { rows } = await db.query<OperationRow>(
    `${SELECT} WHERE status = 'running' AND heartbeat_at >= now() - make_interval(secs => $1)
      ORDER BY started_at DESC LIMIT 1`,
    [staleSeconds],
  );
  return rows[0] && operationOf(rows[0]);
}

/** Records as failed, for good, every running operation whose process stopped beating. */
export async function markAbandoned(db: pg.Pool, staleSeconds: number): Promise<void> {
  const { rows } = await db.query<OperationRow>(
    `${SELECT} WHERE status = 'running' AND heartbeat_at < now() - make_interval(secs => $1)`,
    [staleSeconds],
  );
  for (const dead of rows)
    await db.query(
      `UPDATE projection_operations SET status = 'failed', finished_at = heartbeat_at, error = $2
        WHERE id = $1 AND status = 'running'`,
      [dead.id, abandonedBecause(dead.holder, dead.heartbeat_at)],
    );
}

/** A new running operation, held by `holder`. */
export async function insertOperation(
  db: pg.Pool,
  staleSeconds: number,
  operation: { id: string; kind: OperationKind; projection: string | null; holder: string },
): Promise<ProjectionOperation> {
  await db.query(
    `INSERT INTO projection_operations (id, kind, projection, status, holder) VALUES ($1, $2, $3, 'running', $4)`,
    [operation.id, operation.kind, operation.projection, operation.holder],
  );
  const recorded = await findOperation(db, staleSeconds, operation.id);
  if (!recorded) throw new Error(`projection operation ${operation.id} vanished as it was recorded`);
  return recorded;
}

/** Deletes all but the newest `keep` operations. */
export async function pruneOperations(db: pg.Pool, keep: number): Promise<void> {
  await db.query(
    `DELETE FROM projection_operations WHERE id NOT IN
       (SELECT id FROM projection_operations ORDER BY started_at DESC, id LIMIT $1)`,
    [keep],
  );
}

/** The running instance's progress, and its heartbeat. */
export async function recordProgress(db: pg.Pool, id: string, counts: OperationCounts): Promise<void> {
  await db.query(
    `UPDATE projection_operations SET events_processed = $2, total = $3, heartbeat_at = now()
      WHERE id = $1 AND status = 'running'`,
    [id, counts.eventsProcessed, counts.total],
  );
}

/** The end: completed, or failed with `error`, and the final counts. */
export async function recordEnd(
  db: pg.Pool,
  id: string,
  error: string | null,
  counts: OperationCounts,
): Promise<OperationStatus> {
  const status: OperationStatus = error ? 'failed' : 'completed';
  await db.query(
    `UPDATE projection_operations
        SET status = $2, error = $3, events_processed = $4, total = $5, finished_at = now(), heartbeat_at = now()
      WHERE id = $1`,
    [id, status, error, counts.eventsProcessed, counts.total],
  );
  return status;
}
