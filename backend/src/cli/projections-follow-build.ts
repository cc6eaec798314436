/**
 * Follows a build that another process runs, until readers have switched to it. Needed because a
 * server's reconcile loop may take a new build's lock in the moment between the CLI creating the
 * build and locking it (the Projector then gives up on it here): the rebuild still happens, just
 * there, and the CLI watches it through the build's row.
 */
import type pg from 'pg';
import { findBuild, type ProjectionBuild } from '../projector/projection-builds.js';
import type { RunnerProgress } from '../projector/projection-runner.js';
import { BUILD_LOCK_CLASS, ProjectionFailedError } from '../projector/projector.js';
import { must } from '../must.js';

export interface FollowOptions {
  signal?: AbortSignal;
  onProgress?: (progress: RunnerProgress) => void;
  pollMs?: number;
  /** How long nobody may hold the build's lock before giving up (a server picks builds up within its reconcile interval). */
  unownedGraceMs?: number;
}

export async function followBuild(
  pool: pg.Pool,
  buildId: number,
  options: FollowOptions = {},
): Promise<ProjectionBuild> {
  const pollMs = options.pollMs ?? 250;
  const grace = options.unownedGraceMs ?? 15_000;
  let unownedSince: number | undefined;
  for (;;) {
    const build = await findBuild(pool, buildId);
    if (!build) throw new Error(`Build ${buildId} disappeared`);
    if (build.state === 'failed') throw new ProjectionFailedError(build);
    if (build.state === 'retired')
      throw new Error(`Build ${buildId} of ${build.name} was retired before readers switched to it`);
    options.onProgress?.({
      buildId,
      eventsProcessed: build.eventsProcessed,
      lastPosition: build.checkpoint ? `${build.checkpoint.commit}-${build.checkpoint.prepare}` : null,
      caughtUp: build.caughtUpAt !== null,
    });
    if (build.active && build.caughtUpAt) return build;
    if (await isLocked(pool, buildId)) unownedSince = undefined;
    else if ((unownedSince ??= Date.now()) + grace < Date.now()) {
      throw new Error(
        `Build ${buildId} of ${build.name} stopped before it caught up and no process runs it; a server resumes it when it starts`,
      );
    }
    if (options.signal?.aborted) throw options.signal.reason;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

async function isLocked(pool: pg.Pool, buildId: number): Promise<boolean> {
  const { rows } = await pool.query<{ locked: boolean }>(
    // pg_locks spans the whole cluster: only this database's locks count.
    `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid = $1 AND objid = $2 AND objsubid = 2 AND granted
       AND database = (SELECT oid FROM pg_database WHERE datname = current_database())) AS locked`,
    [BUILD_LOCK_CLASS, buildId],
  );
  return must(rows[0], 'the pg_locks EXISTS row').locked;
}
