/**
 * Tests look projection builds up by any condition on `projection_builds`; production code uses the
 * named queries of projector/projection-builds.ts, which take no SQL.
 */
import type pg from 'pg';
import { findBuild, type ProjectionBuild } from '../projector/projection-builds.js';
import { must } from '../must.js';

export async function buildsWhere(db: pg.Pool, where = 'true', params: unknown[] = []): Promise<ProjectionBuild[]> {
  const { rows } = await db.query<{ build_id: number }>(
    `SELECT build_id FROM projection_builds WHERE ${where} ORDER BY name, build_id`,
    params,
  );
  const builds: ProjectionBuild[] = [];
  for (const row of rows) builds.push(must(await findBuild(db, row.build_id), `build ${String(row.build_id)}`));
  return builds;
}
