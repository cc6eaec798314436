/**
 * A projector process's row in `projector_processes`: the code it has for each projection, the builds
 * it runs and the builds it refuses (conflicts), renewed by a heartbeat. Status reads these rows, so
 * a build no living process runs shows as `not followed` instead of `live`; each heartbeat also
 * stamps `last_followed_at` on the builds it runs. The row goes when the process stops; a process
 * that dies leaves it behind with an old heartbeat, which status ignores.
 *
 * The stamp skips a build whose row another transaction holds (a commit, a switch; the next
 * heartbeat stamps it) instead of waiting: it stamps several rows in one statement, in no set order,
 * and waiting made it deadlock with a switch (which locks the old build's row, then the new one's).
 * When PostgreSQL aborted the switch, readers never switched to the caught-up build.
 */
import type { Projection } from '@creatorsync/projections';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type pg from 'pg';
import type { Logger } from '../logging/logger.js';
import { codeFingerprint } from './code-fingerprint.js';
import { stampFollowed } from './projection-builds.js';
import { scheduleInterval, type SchedulerRegistry } from '../scheduling.js';

/** server: `npm start` (all roles); projector: `npm start -- --role projector`; cli: a rebuild. */
export type ProcessKind = 'server' | 'projector' | 'cli';

/** A heartbeat older than this belongs to a process that died (or hangs). */
export const PRESENCE_STALE_SECONDS = 30;

export interface ProjectionConflict {
  name: string;
  buildId: number;
  reason: string;
}

export class ProjectorPresence {
  readonly processId = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private stopBeating?: () => void;
  private beating?: Promise<void>;
  private conflicts: ProjectionConflict[] = [];

  constructor(
    private readonly options: {
      pool: pg.Pool;
      kind: ProcessKind;
      projections: readonly Projection[];
      logger: Logger;
      /** The builds this process runs now. */
      following: () => number[];
      heartbeatMs?: number;
      scheduler: SchedulerRegistry;
    },
  ) {}

  /** Registers the process and starts the heartbeat (once). */
  async begin(): Promise<void> {
    if (this.stopBeating) return;
    this.stopBeating = scheduleInterval(
      this.options.scheduler,
      'projector-heartbeat',
      this.options.heartbeatMs ?? 5000,
      () => void this.beat(),
    );
    await this.beat();
  }

  /** What this process refuses now (replaces the previous list at the next heartbeat). */
  setConflicts(conflicts: ProjectionConflict[]): void {
    this.conflicts = conflicts;
  }

  /** Writes the heartbeat now: the builds followed, the conflicts. */
  beat(): Promise<void> {
    this.beating ??= this.write()
      .catch((err: unknown) => this.options.logger.warn({ err }, 'projector heartbeat failed'))
      .finally(() => (this.beating = undefined));
    return this.beating;
  }

  /** Removes the row: from now on nothing here follows anything. */
  async end(): Promise<void> {
    if (!this.stopBeating) return;
    this.stopBeating();
    this.stopBeating = undefined;
    await this.beating;
    const { pool } = this.options;
    try {
      const { rows } = await pool.query<{ following: number[] }>(
        `DELETE FROM projector_processes WHERE process_id = $1 RETURNING following`,
        [this.processId],
      );
      await stampFollowed(pool, rows[0]?.following ?? []);
    } catch (err) {
      this.options.logger.warn({ err }, 'projector could not deregister');
    }
  }

  private async write(): Promise<void> {
    const { pool, kind, projections } = this.options;
    const code = projections.map((p) => ({ name: p.name, version: p.version, fingerprint: codeFingerprint(p) }));
    const following = this.options.following();
    await pool.query(
      `INSERT INTO projector_processes (process_id, kind, host, pid, code, following, conflicts)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (process_id) DO UPDATE SET heartbeat_at = now(), following = $6, conflicts = $7`,
      [
        this.processId,
        kind,
        os.hostname(),
        process.pid,
        JSON.stringify(code),
        following,
        JSON.stringify(this.conflicts),
      ],
    );
    // After the row: a build stamped is one a living process says it follows (the next beat stamps a skipped one).
    await stampFollowed(pool, following);
  }
}

export interface LivingProcess {
  processId: string;
  kind: ProcessKind;
  host: string;
  pid: number;
  code: Array<{ name: string; version: number; fingerprint: string }>;
  following: number[];
}

/** The processes whose heartbeat is recent. */
export async function livingProcesses(pool: pg.Pool): Promise<LivingProcess[]> {
  const { rows } = await pool.query<LivingProcess>(
    `SELECT process_id AS "processId", kind, host, pid, code, following FROM projector_processes
     WHERE heartbeat_at > now() - make_interval(secs => $1) ORDER BY started_at`,
    [PRESENCE_STALE_SECONDS],
  );
  return rows;
}
