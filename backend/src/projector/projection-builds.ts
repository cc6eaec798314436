/**
 * The `projection_builds` table: one row per build of a projection (a version replayed from the
 * start of the log into its own tables), with its checkpoint, state and the event that failed it;
 * and `projection_build_partitions`: the checkpoints of a build part-way through a replay split by
 * channel, one per partition, with the partition's deal of channels.
 *
 * All the projector's SQL on these two tables is here, as functions named for what they do; callers
 * pass values, never SQL. (The heartbeat's stamp of `last_followed_at` is one statement with its
 * `projector_processes` row, in projector-presence.ts.)
 */
import type { Projection } from '@creatorsync/projections';
import type pg from 'pg';
import { formatPosition, type Position } from '../event-store/position.js';
import { refusalToReplace } from './build-precedence.js';
import { codeFingerprint } from './code-fingerprint.js';
import type { ChannelDeal } from './partitioned/channel-partition.js';
import { createBuildTables, pointViewsAt } from './read-model-tables.js';
import { must } from '../must.js';

export type BuildState = 'building' | 'live' | 'failed' | 'retired';

export interface ProjectionBuild {
  buildId: number;
  name: string;
  version: number;
  tables: string[];
  state: BuildState;
  active: boolean;
  checkpoint: Position | null;
  eventsProcessed: number;
  lastEventAt: Date | null;
  failedEventId: string | null;
  failedPosition: string | null;
  error: string | null;
  createdAt: Date;
  caughtUpAt: Date | null;
  activatedAt: Date | null;
  retiredAt: Date | null;
  /** The fingerprint of the code that computes it (code-fingerprint.ts); null for builds made before it was recorded. */
  codeFingerprint: string | null;
  /** The last heartbeat of a process that ran it. */
  lastFollowedAt: Date | null;
}

const columns = `build_id, name, version, tables, state, active, checkpoint_commit::text, checkpoint_prepare::text, events_processed::text,
  last_event_at, failed_event_id, failed_position, error, created_at, caught_up_at, activated_at, retired_at,
  code_fingerprint, last_followed_at`;

/**
 * A row of `columns` as pg returns it: numerics and bigints cast to text, timestamps parsed into
 * Dates. Both halves of the checkpoint are written together, so either both are set or neither is.
 */
type BuildRow = {
  build_id: number;
  name: string;
  version: number;
  tables: string[];
  state: BuildState;
  active: boolean;
  events_processed: string;
  last_event_at: Date | null;
  failed_event_id: string | null;
  failed_position: string | null;
  error: string | null;
  created_at: Date;
  caught_up_at: Date | null;
  activated_at: Date | null;
  retired_at: Date | null;
  code_fingerprint: string | null;
  last_followed_at: Date | null;
} & ({ checkpoint_commit: string; checkpoint_prepare: string } | { checkpoint_commit: null; checkpoint_prepare: null });

function toBuild(r: BuildRow): ProjectionBuild {
  return {
    buildId: r.build_id,
    name: r.name,
    version: r.version,
    tables: r.tables,
    state: r.state,
    active: r.active,
    checkpoint:
      r.checkpoint_commit === null
        ? null
        : { commit: BigInt(r.checkpoint_commit), prepare: BigInt(r.checkpoint_prepare) },
    eventsProcessed: Number(r.events_processed),
    lastEventAt: r.last_event_at,
    failedEventId: r.failed_event_id,
    failedPosition: r.failed_position,
    error: r.error,
    createdAt: r.created_at,
    caughtUpAt: r.caught_up_at,
    activatedAt: r.activated_at,
    retiredAt: r.retired_at,
    codeFingerprint: r.code_fingerprint,
    lastFollowedAt: r.last_followed_at,
  };
}

/** The builds matching `where` (SQL of this module only: callers use the named queries below). */
async function selectBuilds(
  db: pg.Pool | pg.ClientBase,
  where: string,
  params: unknown[] = [],
): Promise<ProjectionBuild[]> {
  const { rows } = await db.query<BuildRow>(
    `SELECT ${columns} FROM projection_builds WHERE ${where} ORDER BY name, build_id`,
    params,
  );
  return rows.map(toBuild);
}

/** Every build of a projection, oldest first. */
export function findBuildsOf(db: pg.Pool | pg.ClientBase, name: string): Promise<ProjectionBuild[]> {
  return selectBuilds(db, 'name = $1', [name]);
}

/** The build readers use for a projection (other than `except`, when given). */
export async function findActiveBuild(
  db: pg.Pool | pg.ClientBase,
  name: string,
  except?: number,
): Promise<ProjectionBuild | undefined> {
  const [active] = await selectBuilds(db, 'name = $1 AND active AND build_id IS DISTINCT FROM $2', [
    name,
    except ?? null,
  ]);
  return active;
}

/** The builds readers use, one per projection. */
export function findActiveBuilds(db: pg.Pool | pg.ClientBase): Promise<ProjectionBuild[]> {
  return selectBuilds(db, 'active');
}

/** The builds readers use or will use (retired ones are history). */
export function findCurrentBuilds(db: pg.Pool | pg.ClientBase): Promise<ProjectionBuild[]> {
  return selectBuilds(db, `state <> 'retired'`);
}

/** The oldest build of a projection made after `afterBuildId`. */
export async function findBuildAfter(
  db: pg.Pool | pg.ClientBase,
  name: string,
  afterBuildId: number,
): Promise<ProjectionBuild | undefined> {
  const [next] = await selectBuilds(db, 'name = $1 AND build_id > $2', [name, afterBuildId]);
  return next;
}

/** Those of `buildIds` that a switch has retired. */
export function findRetiredAmong(db: pg.Pool | pg.ClientBase, buildIds: number[]): Promise<ProjectionBuild[]> {
  return selectBuilds(db, `state = 'retired' AND build_id = ANY($1)`, [buildIds]);
}

/** Retired builds whose tables are still there, retired longer than `graceSeconds` ago. */
export function findExpiredRetiredBuilds(
  db: pg.Pool | pg.ClientBase,
  graceSeconds: number,
): Promise<ProjectionBuild[]> {
  return selectBuilds(
    db,
    `state = 'retired' AND tables_dropped_at IS NULL AND retired_at < now() - make_interval(secs => $1)`,
    [graceSeconds],
  );
}

export async function findBuild(db: pg.Pool | pg.ClientBase, buildId: number): Promise<ProjectionBuild | undefined> {
  return (await selectBuilds(db, 'build_id = $1', [buildId]))[0];
}

/**
 * Creates a build with fresh tables, labelled with its code; with `activate`, readers switch to it at
 * once when no build is active (nothing older to serve; checked under the switch lock, so two
 * processes starting together make one active build, not a constraint violation).
 */
export async function createBuild(
  pool: pg.Pool,
  projection: Projection,
  options: { activate: boolean },
): Promise<ProjectionBuild> {
  return inTransaction(pool, async (client) => {
    let activate = options.activate;
    if (activate) {
      await client.query(`SELECT pg_advisory_xact_lock(7346, hashtext($1))`, [projection.name]);
      const { rowCount } = await client.query(`SELECT 1 FROM projection_builds WHERE name = $1 AND active`, [
        projection.name,
      ]);
      activate = rowCount === 0;
    }
    const { rows } = await client.query<BuildRow>(
      `INSERT INTO projection_builds (name, version, tables, state, active, activated_at, code_fingerprint)
       VALUES ($1, $2, $3, $4, $5, CASE WHEN $5 THEN now() END, $6) RETURNING ${columns}`,
      [
        projection.name,
        projection.version,
        projection.tables.map((t) => t.name),
        activate ? 'live' : 'building',
        activate,
        codeFingerprint(projection),
      ],
    );
    const build = toBuild(must(rows[0], 'the inserted build'));
    await createBuildTables(client, projection, build.buildId);
    if (activate) await pointViewsAt(client, projection, build.buildId);
    return build;
  });
}

/**
 * Blue/green switch: the build becomes the one readers see; the previous active build is retired.
 * Refused when the active build is of a higher version, or of the same version made by other code:
 * the build is then retired instead (with the reason as its error), and the refusal returned.
 */
export async function activateBuild(
  pool: pg.Pool,
  projection: Projection,
  buildId: number,
): Promise<{ activated: true } | { activated: false; reason: string }> {
  return inTransaction(pool, async (client) => {
    // Serialises switches of the same projection across processes.
    await client.query(`SELECT pg_advisory_xact_lock(7346, hashtext($1))`, [projection.name]);
    const active = await findActiveBuild(client, projection.name, buildId);
    const candidate = await findBuild(client, buildId);
    // A switch tried again (after an error) finds it done, or overtaken: readers never go back to a retired build.
    if (candidate?.active) return { activated: true };
    if (!candidate || candidate.state === 'retired' || candidate.state === 'failed')
      return { activated: false, reason: `build ${buildId} is ${candidate?.state ?? 'gone'}` };
    const refusal = active && refusalToReplace(active, candidate);
    if (refusal) {
      await client.query(
        `UPDATE projection_builds SET state = 'retired', retired_at = now(), error = $2, updated_at = now()
         WHERE build_id = $1 AND NOT active`,
        [buildId, `not activated: ${refusal}`],
      );
      return { activated: false, reason: refusal };
    }
    await client.query(
      `UPDATE projection_builds SET active = false, state = 'retired', retired_at = now(), updated_at = now()
       WHERE name = $1 AND active AND build_id <> $2`,
      [projection.name, buildId],
    );
    await client.query(
      `UPDATE projection_builds SET active = true, state = 'live', activated_at = now(), updated_at = now() WHERE build_id = $1`,
      [buildId],
    );
    await pointViewsAt(client, projection, buildId);
    return { activated: true };
  });
}

/**
 * Builds of these projections' versions that failed go on (the fix may be in this code): back to
 * 'live' when active, else 'building', the failure cleared.
 */
export async function resumeFailedBuilds(
  db: pg.Pool | pg.ClientBase,
  projections: readonly Pick<Projection, 'name' | 'version'>[],
): Promise<void> {
  await db.query(
    `UPDATE projection_builds SET state = CASE WHEN active THEN 'live' ELSE 'building' END, error = NULL,
       failed_event_id = NULL, failed_position = NULL, updated_at = now()
     WHERE state = 'failed' AND (name, version) IN (SELECT * FROM unnest($1::text[], $2::int[]))`,
    [projections.map((p) => p.name), projections.map((p) => p.version)],
  );
}

/** A build made before fingerprints were recorded is labelled with the fingerprint of the code that runs it. */
export async function labelUnfingerprintedBuild(
  db: pg.Pool | pg.ClientBase,
  buildId: number,
  fingerprint: string,
): Promise<void> {
  await db.query(
    `UPDATE projection_builds SET code_fingerprint = $2 WHERE build_id = $1 AND code_fingerprint IS NULL`,
    [buildId, fingerprint],
  );
}

/** The build has reached the head of the log (the first arrival is the one recorded). */
export async function markCaughtUp(db: pg.Pool | pg.ClientBase, buildId: number): Promise<void> {
  await db.query(`UPDATE projection_builds SET caught_up_at = coalesce(caught_up_at, now()) WHERE build_id = $1`, [
    buildId,
  ]);
}

/** The build stopped at an event it cannot take: the event, where it is, and why. */
export async function markFailedAtEvent(
  db: pg.Pool | pg.ClientBase,
  buildId: number,
  event: { id: string; position: Position },
  error: string,
): Promise<void> {
  await db.query(
    `UPDATE projection_builds SET state = 'failed', failed_event_id = $2, failed_position = $3, error = $4, updated_at = now() WHERE build_id = $1`,
    [buildId, event.id, formatPosition(event.position), error],
  );
}

/** The builds still building or live fail for a reason that is no event's (e.g. a worker runs other code). */
export async function markBuildsFailed(db: pg.Pool | pg.ClientBase, buildIds: number[], error: string): Promise<void> {
  await db.query(
    `UPDATE projection_builds SET state = 'failed', error = $2, updated_at = now() WHERE build_id = ANY($1) AND state IN ('building', 'live')`,
    [buildIds, error],
  );
}

/** A retired build's tables are gone. */
export async function markTablesDropped(db: pg.Pool | pg.ClientBase, buildId: number): Promise<void> {
  await db.query(`UPDATE projection_builds SET tables_dropped_at = now() WHERE build_id = $1`, [buildId]);
}

/**
 * In a commit's transaction: the build's checkpoint moves to `last` (`events` more processed).
 * Returns the build's state, which tells the committer whether it may go on.
 */
export async function saveBuildCheckpoint(
  client: pg.ClientBase,
  buildId: number,
  last: { position: Position; createdAt: Date },
  events: number,
): Promise<BuildState | undefined> {
  const { rows } = await client.query<{ state: BuildState }>(
    `UPDATE projection_builds SET checkpoint_commit = $2, checkpoint_prepare = $3, events_processed = events_processed + $4,
       last_event_at = $5, updated_at = now() WHERE build_id = $1 RETURNING state`,
    [buildId, last.position.commit.toString(), last.position.prepare.toString(), events, last.createdAt],
  );
  return rows[0]?.state;
}

/**
 * In a commit's transaction: one partition's checkpoint moves to `position` (`events` more
 * processed); the build's row is left alone, so partitions never wait for each other. Returns the build's state.
 */
export async function savePartitionCheckpoint(
  client: pg.ClientBase,
  buildId: number,
  partitionIndex: number,
  position: Position,
  events: number,
): Promise<BuildState | undefined> {
  const { rows } = await client.query<{ state: BuildState }>(
    `UPDATE projection_build_partitions SET checkpoint_commit = $2, checkpoint_prepare = $3, events_processed = events_processed + $4
     WHERE build_id = $1 AND partition_index = $5 RETURNING (SELECT state FROM projection_builds WHERE build_id = $1) AS state`,
    [buildId, position.commit.toString(), position.prepare.toString(), events, partitionIndex],
  );
  return rows[0]?.state;
}

/**
 * A partition that has applied every event of its own up to `position` moves its checkpoint there,
 * no event more processed (past the other partitions' events). Returns the build's state.
 */
export async function movePartitionCheckpoint(
  db: pg.Pool | pg.ClientBase,
  buildId: number,
  partitionIndex: number,
  position: Position,
): Promise<BuildState | undefined> {
  const { rows } = await db.query<{ state: BuildState }>(
    `UPDATE projection_build_partitions SET checkpoint_commit = $2, checkpoint_prepare = $3 WHERE build_id = $1 AND partition_index = $4
     RETURNING (SELECT state FROM projection_builds WHERE build_id = $1) AS state`,
    [buildId, position.commit.toString(), position.prepare.toString(), partitionIndex],
  );
  return rows[0]?.state;
}

/** A build's committed checkpoint, or one partition's of it while a split replay runs; undefined if there is none. */
export async function loadCheckpoint(
  db: pg.Pool | pg.ClientBase,
  buildId: number,
  partitionIndex?: number,
): Promise<{ position: Position | null; events: number } | undefined> {
  // Both halves of a checkpoint are written together: either both are set or neither is.
  const { rows } = await db.query<{ c: string; p: string; n: string } | { c: null; p: null; n: string }>(
    partitionIndex === undefined
      ? `SELECT checkpoint_commit::text AS c, checkpoint_prepare::text AS p, events_processed::text AS n FROM projection_builds WHERE build_id = $1`
      : `SELECT checkpoint_commit::text AS c, checkpoint_prepare::text AS p, events_processed::text AS n FROM projection_build_partitions WHERE build_id = $1 AND partition_index = $2`,
    partitionIndex === undefined ? [buildId] : [buildId, partitionIndex],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    position: row.c === null ? null : { commit: BigInt(row.c), prepare: BigInt(row.p) },
    events: Number(row.n),
  };
}

/** Those of `buildIds` part-way through a replay split by channel (they have partition checkpoints). */
export async function findPartitionedAmong(db: pg.Pool | pg.ClientBase, buildIds: number[]): Promise<Set<number>> {
  if (buildIds.length === 0) return new Set();
  const { rows } = await db.query<{ build_id: number }>(
    `SELECT DISTINCT build_id FROM projection_build_partitions WHERE build_id = ANY($1)`,
    [buildIds],
  );
  return new Set(rows.map((r) => r.build_id));
}

/** Events applied so far by each build part-way through a replay split by channel, all its partitions together. */
export async function eventsProcessedInPartitions(db: pg.Pool | pg.ClientBase): Promise<Map<number, number>> {
  const { rows } = await db.query<{ build_id: number; n: number }>(
    `SELECT build_id, sum(events_processed)::float8 AS n FROM projection_build_partitions GROUP BY build_id`,
  );
  return new Map(rows.map((r) => [r.build_id, r.n]));
}

/** A build's deal of channels, from its partition checkpoints (none before its first split run). */
export async function findChannelDeal(db: pg.Pool | pg.ClientBase, buildId: number): Promise<ChannelDeal | undefined> {
  const { rows } = await db.query<{ channels: string[] }>(
    `SELECT channels FROM projection_build_partitions WHERE build_id = $1 ORDER BY partition_index`,
    [buildId],
  );
  return rows.length > 0 ? rows.map((r) => r.channels) : undefined;
}

/** Creates a build's partition checkpoints with the deal (unless another run did first); returns the stored deal. */
export async function storeChannelDeal(
  db: pg.Pool | pg.ClientBase,
  buildId: number,
  deal: ChannelDeal,
): Promise<ChannelDeal> {
  await db.query(
    `INSERT INTO projection_build_partitions (build_id, partition_index, partition_count, channels)
     SELECT $1, i - 1, $2, ARRAY(SELECT jsonb_array_elements_text($3::jsonb -> (i - 1)::int))
     FROM generate_series(1, $2) AS i
     WHERE NOT EXISTS (SELECT 1 FROM projection_build_partitions WHERE build_id = $1)
     ON CONFLICT DO NOTHING`,
    [buildId, deal.length, JSON.stringify(deal)],
  );
  return must(await findChannelDeal(db, buildId), 'the stored deal');
}

/**
 * When every partition of a build is at `upTo`, moves the build's checkpoint there and drops the
 * partition checkpoints, in one transaction; true if it did. (A build failed at an event keeps them, to resume.)
 */
export async function handOverSplitReplay(pool: pg.Pool, buildId: number, upTo: Position | null): Promise<boolean> {
  const end = upTo ? [upTo.commit.toString(), upTo.prepare.toString()] : [null, null];
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ total: number; at_end: boolean }>(
      `SELECT coalesce(sum(events_processed), 0)::float8 AS total,
              bool_and(checkpoint_commit IS NOT DISTINCT FROM $2::numeric AND checkpoint_prepare IS NOT DISTINCT FROM $3::numeric) AS at_end
       FROM (SELECT * FROM projection_build_partitions WHERE build_id = $1 FOR UPDATE) p`,
      [buildId, ...end],
    );
    if (!rows[0]?.at_end) return false;
    const { rowCount } = await client.query(
      `UPDATE projection_builds SET checkpoint_commit = $2::text::numeric, checkpoint_prepare = $3::text::numeric, events_processed = events_processed + $4,
         last_event_at = (SELECT created_at FROM events WHERE (position_commit, position_prepare) = ($2::text::bigint, $3::text::bigint)), updated_at = now()
       WHERE build_id = $1 AND checkpoint_commit IS NULL AND state IN ('building', 'live')`,
      [buildId, ...end, rows[0].total],
    );
    if (rowCount !== 1) return false;
    await client.query(`DELETE FROM projection_build_partitions WHERE build_id = $1`, [buildId]);
    return true;
  });
}

export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * The heartbeat's stamp: the builds a living process follows were followed now. Skips a row another
 * transaction holds (a commit, a switch; the next heartbeat stamps it) instead of waiting: waiting
 * made it deadlock with a switch, which locks the old build's row, then the new one's.
 */
export async function stampFollowed(db: pg.Pool | pg.ClientBase, buildIds: readonly number[]): Promise<void> {
  if (buildIds.length === 0) return;
  await db.query(
    `UPDATE projection_builds SET last_followed_at = now()
      WHERE build_id IN (SELECT build_id FROM projection_builds WHERE build_id = ANY($1::int[])
                         ORDER BY build_id FOR UPDATE SKIP LOCKED)`,
    [buildIds],
  );
}
