/**
 * What admins and the health endpoint see of each projection: version, state, position, and lag
 * in events and seconds behind the head of the log (for the builds readers use or will use); which
 * processes follow each build and which refuse it (projector-presence.ts). A build that is building
 * or live but that no living process runs shows as `not followed`, with the time it last was.
 */
import type { Projection } from '@creatorsync/projections';
import type pg from 'pg';
import { eventsProcessedInPartitions, findCurrentBuilds, type BuildState } from './projection-builds.js';
import { must } from '../must.js';
import { PRESENCE_STALE_SECONDS, type ProcessKind, type ProjectionConflict } from './projector-presence.js';

export interface FollowingProcess {
  kind: ProcessKind;
  host: string;
  pid: number;
}

export interface ProjectionStatus {
  name: string;
  buildId: number;
  version: number;
  state: BuildState | 'not followed';
  active: boolean;
  /** The fingerprint of the code that computes it (null: made before fingerprints were recorded). */
  codeFingerprint: string | null;
  /** The living processes that run it now. */
  followedBy: FollowingProcess[];
  /** When a process last ran it (ISO); null when none has since fingerprints were recorded. */
  lastFollowedAt: string | null;
  /** Living processes that refuse to replace or follow it, and why. */
  conflicts: string[];
  position: string | null;
  eventsProcessed: number;
  /** Committed events of handled types after the checkpoint (also those the xmin rule still holds back); null when the log is not in Postgres. */
  lagEvents: number | null;
  /** Seconds between the newest handled event in the log and the last one processed (0 when none is pending). */
  lagSeconds: number | null;
  failedEventId: string | null;
  failedPosition: string | null;
  error: string | null;
}

export async function projectionStatuses(
  pool: pg.Pool,
  projections: readonly Projection[],
  options: { logInPostgres: boolean },
): Promise<ProjectionStatus[]> {
  const builds = await findCurrentBuilds(pool);
  // A build part-way through a replay split by channel counts its events per partition (its own checkpoint is still empty).
  const inPartitions = await eventsProcessedInPartitions(pool);
  const { rows: processes } = await pool.query<
    FollowingProcess & { following: number[]; conflicts: ProjectionConflict[] }
  >(
    `SELECT kind, host, pid, following, conflicts FROM projector_processes
     WHERE heartbeat_at > now() - make_interval(secs => $1)`,
    [PRESENCE_STALE_SECONDS],
  );
  const statuses: ProjectionStatus[] = [];
  for (const build of builds) {
    const partitionEvents = inPartitions.get(build.buildId) ?? 0;
    const projection = projections.find((p) => p.name === build.name);
    let lagEvents: number | null = null;
    let lagSeconds: number | null = null;
    if (options.logInPostgres && projection) {
      const { rows } = await pool.query<{ n: number; newest: Date | null }>(
        `SELECT count(*)::int AS n, max(created_at) AS newest FROM events
          WHERE event_type = ANY($1)
            AND ($2::numeric IS NULL OR (position_commit, position_prepare) > ($2::numeric, $3::numeric))`,
        [projection.handles, build.checkpoint?.commit.toString() ?? null, build.checkpoint?.prepare.toString() ?? null],
      );
      const { n, newest } = must(rows[0], 'the lag row');
      lagEvents = Math.max(0, n - partitionEvents);
      lagSeconds =
        lagEvents === 0 || !newest
          ? 0
          : Math.max(0, (newest.getTime() - (build.lastEventAt?.getTime() ?? newest.getTime())) / 1000);
    }
    const followedBy = processes
      .filter((p) => p.following.includes(build.buildId))
      .map(({ kind, host, pid }) => ({ kind, host, pid }));
    const conflicts = processes.flatMap((p) =>
      p.conflicts.filter((c) => c.buildId === build.buildId).map((c) => `${p.kind} ${p.pid} on ${p.host}: ${c.reason}`),
    );
    const running = build.state === 'building' || build.state === 'live';
    statuses.push({
      name: build.name,
      buildId: build.buildId,
      version: build.version,
      state: running && followedBy.length === 0 ? 'not followed' : build.state,
      active: build.active,
      codeFingerprint: build.codeFingerprint,
      followedBy,
      lastFollowedAt: build.lastFollowedAt?.toISOString() ?? null,
      conflicts,
      position: build.checkpoint ? `${build.checkpoint.commit}-${build.checkpoint.prepare}` : null,
      eventsProcessed: build.eventsProcessed + partitionEvents,
      lagEvents,
      lagSeconds,
      failedEventId: build.failedEventId,
      failedPosition: build.failedPosition,
      error: build.error,
    });
  }
  return statuses;
}
