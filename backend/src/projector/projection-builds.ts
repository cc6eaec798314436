/**
 * The `projection_builds` table: one row per build of a projection (a version replayed from the
 * start of the log into its own tables), with its checkpoint, state and the event that failed it.
 */
import type { Projection } from '@creatorsync/projections';
import type pg from 'pg';
import type { Position } from '../event-store/position.js';
import { refusalToReplace } from './build-precedence.js';
import { codeFingerprint } from './code-fingerprint.js';
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
