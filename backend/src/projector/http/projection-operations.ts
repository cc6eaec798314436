/**
 * Rebuilds and replays started from the admin console: the same operations as the CLI's
 * `projections rebuild <name>` and `projections replay` (cli/projections-rebuild.ts), run inside
 * the server process that was asked, with its pool and event store. A new build replays the log
 * into fresh tables while the current one keeps serving, and readers switch when it has caught up;
 * every server's projector then follows it.
 *
 * Operations are kept in PostgreSQL (`projection_operations`), so every instance behind a load
 * balancer lists them and reports their progress: the instance running one writes its counts and a
 * heartbeat every second (HEARTBEAT_MS). One operation at a time across all instances (two would
 * replay the same log twice over for nothing): the runner holds the `projection-operation` lease
 * (database/leases.ts) while it runs. An operation whose process died stops beating; once its
 * heartbeat is older than the lease's time to live it reads as failed, with the reason, and the
 * next start marks it so for good.
 */
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { allProjections } from '@creatorsync/projections';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { PG_POOL } from '../../database/create-pool.js';
import { Leases, type HeldLease } from '../../database/leases.js';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port.js';
import { LOGGER, type Logger } from '../../logging/logger.js';
import { scheduleInterval } from '../../scheduling.js';
import type { ProjectionsContext } from '../../cli/projections-context.js';
import type { ProgressFactory } from '../../cli/projections-progress.js';
import { findProjection, rebuildProjection, replayAll } from '../../cli/projections-rebuild.js';

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

export class OperationRunningError extends Error {
  /** `running`: the operation in the way; undefined while another instance is only starting it. */
  constructor(readonly running: ProjectionOperation | undefined) {
    super(
      running
        ? `a ${running.kind} (${running.projection ?? 'every projection'}) is running since ${running.startedAt}; wait for it to end`
        : 'another server is starting a rebuild or replay; wait for it to end',
    );
  }
}

/** Operations in the console's list: the newest ones. */
const LIST = 20;
/** Operations kept in the table; older ones are deleted when a new one starts. */
const KEEP = 100;
/** How often the running instance writes its progress and heartbeat. */
export const HEARTBEAT_MS = 1_000;
/** The lease held by whichever instance runs an operation. */
export const OPERATION_LEASE = 'projection-operation';

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
  /** Computed: running, and its heartbeat older than the lease's time to live. */
  abandoned: boolean;
}

/** Every column, and whether a running row was abandoned ($1: the staleness in seconds). */
const COLUMNS = `id, kind, projection, status, events_processed::text, total::text, holder, started_at,
  heartbeat_at, finished_at, error, (status = 'running' AND heartbeat_at < now() - make_interval(secs => $1)) AS abandoned`;

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

/** The operation this process runs: its counts, written by the heartbeat. */
interface Running {
  id: string;
  eventsProcessed: number;
  total: number | null;
  abort: AbortController;
  /** Settles once the operation has ended and its end is written. */
  ended?: Promise<void>;
}

@Injectable()
export class ProjectionOperations implements OnApplicationShutdown {
  private running: Running | undefined;
  /** A start here is between asking for the lease and recording its operation. */
  private starting = false;

  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(Leases) private readonly leases: Leases,
  ) {}

  /** Newest first, whichever instance runs or ran them. */
  async list(): Promise<ProjectionOperation[]> {
    return (await this.select(`ORDER BY started_at DESC, id LIMIT ${String(LIST)}`)).map(operationOf);
  }

  async find(id: string): Promise<ProjectionOperation | undefined> {
    const [row] = await this.select('WHERE id = $2', [id]);
    return row && operationOf(row);
  }

  /** Starts a rebuild of one projection (an unknown name throws UnknownProjectionError before anything starts). */
  rebuild(name: string): Promise<ProjectionOperation> {
    findProjection(allProjections, name);
    return this.start('rebuild', name, async (context, progress, signal) => {
      await rebuildProjection(context, name, { progress, signal });
      return null;
    });
  }

  /** Starts a replay of every projection, together. */
  replay(): Promise<ProjectionOperation> {
    return this.start('replay', null, async (context, progress, signal) => {
      const { failures } = await replayAll(context, { progress, signal });
      return failures.length ? failures.map((f) => `${f.name}: ${f.error.message}`).join('; ') : null;
    });
  }

  /** The server stops: an operation running here is interrupted (its new build resumes later) and recorded as failed. */
  async onApplicationShutdown(): Promise<void> {
    const running = this.running;
    if (!running) return;
    running.abort.abort();
    await running.ended;
  }

  private select(where: string, params: unknown[] = []): Promise<OperationRow[]> {
    return this.pool
      .query<OperationRow>(`SELECT ${COLUMNS} FROM projection_operations ${where}`, [this.staleSeconds, ...params])
      .then((r) => r.rows);
  }

  /** A heartbeat older than this is a process that died: the lease's time to live. */
  private get staleSeconds(): number {
    return this.leases.timing.ttlMs / 1000;
  }

  private async start(
    kind: OperationKind,
    projection: string | null,
    run: (context: ProjectionsContext, progress: ProgressFactory, signal: AbortSignal) => Promise<string | null>,
  ): Promise<ProjectionOperation> {
    // The lease is per process: two starts here at once are told apart before it is asked for.
    const busyHere = this.running !== undefined || this.starting;
    if (!busyHere) this.starting = true;
    let lease: HeldLease | null = null;
    let row: OperationRow | undefined;
    try {
      lease = busyHere ? null : await this.leases.tryTake(OPERATION_LEASE);
      if (lease) row = await this.begin(kind, projection);
    } catch (error) {
      await lease?.release().catch(() => undefined);
      throw error;
    } finally {
      if (!busyHere) this.starting = false;
    }
    if (!lease || !row) {
      const [running] = await this.select(
        `WHERE status = 'running' AND heartbeat_at >= now() - make_interval(secs => $1) ORDER BY started_at DESC LIMIT 1`,
      );
      throw new OperationRunningError(running && operationOf(running));
    }
    const held = lease;
    const running: Running = { id: row.id, eventsProcessed: 0, total: null, abort: new AbortController() };
    this.running = running;
    const progress: ProgressFactory = (_name, total) => {
      running.total = total;
      return {
        update: (p) => void (running.eventsProcessed = p.eventsProcessed),
        finish: (eventsProcessed) => void (running.eventsProcessed = eventsProcessed),
        stop: () => undefined,
      };
    };
    const context: ProjectionsContext = {
      pool: this.pool,
      eventStore: this.eventStore,
      projections: allProjections,
      logger: this.logger,
      logInPostgres: !this.config.eventStoreConnectionString,
    };
    const stopBeating = scheduleInterval(
      this.leases.scheduler,
      `projection-operation:${row.id}`,
      HEARTBEAT_MS,
      () => void this.beat(running, held),
    );
    this.logger.info({ kind, projection, id: row.id }, 'projection operation started from the admin console');
    running.ended = run(context, progress, running.abort.signal)
      .then(
        (failures) => failures,
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      )
      .then(async (error) => {
        stopBeating();
        // Free before it reads as ended, so that a start asked for once it has ended is never refused.
        await held
          .release()
          .catch((err: unknown) => this.logger.warn({ err }, 'could not release the operation lease'));
        if (this.running === running) this.running = undefined;
        await this.end(running, error);
      });
    return operationOf(row);
  }

  /** Records the new operation (and, for good, the end of any whose process died); prunes old ones. */
  private async begin(kind: OperationKind, projection: string | null): Promise<OperationRow> {
    const stale = await this.select(`WHERE status = 'running' AND heartbeat_at < now() - make_interval(secs => $1)`);
    for (const dead of stale)
      await this.pool.query(
        `UPDATE projection_operations SET status = 'failed', finished_at = heartbeat_at, error = $2
          WHERE id = $1 AND status = 'running'`,
        [dead.id, abandonedBecause(dead.holder, dead.heartbeat_at)],
      );
    const id = `${kind}-${String(Date.now())}-${randomUUID().slice(0, 8)}`;
    await this.pool.query(
      `INSERT INTO projection_operations (id, kind, projection, status, holder) VALUES ($1, $2, $3, 'running', $4)`,
      [id, kind, projection, this.leases.holder],
    );
    await this.pool.query(
      `DELETE FROM projection_operations WHERE id NOT IN
         (SELECT id FROM projection_operations ORDER BY started_at DESC, id LIMIT ${String(KEEP)})`,
    );
    const [row] = await this.select('WHERE id = $2', [id]);
    if (!row) throw new Error(`projection operation ${id} vanished as it was recorded`);
    return row;
  }

  /** Progress and heartbeat; a lost lease (another instance may start one now) stops the operation here. */
  private async beat(running: Running, lease: HeldLease): Promise<void> {
    if (lease.lost && !running.abort.signal.aborted) {
      this.logger.warn({ id: running.id }, 'projection operation lease lost: stopping the operation');
      running.abort.abort();
    }
    await this.pool
      .query(
        `UPDATE projection_operations SET events_processed = $2, total = $3, heartbeat_at = now()
          WHERE id = $1 AND status = 'running'`,
        [running.id, running.eventsProcessed, running.total],
      )
      .catch((err: unknown) =>
        this.logger.warn({ err, id: running.id }, 'could not record projection operation progress'),
      );
  }

  private async end(running: Running, error: string | null): Promise<void> {
    const status: OperationStatus = error ? 'failed' : 'completed';
    if (running.total !== null) running.total = Math.max(running.total, running.eventsProcessed);
    try {
      await this.pool.query(
        `UPDATE projection_operations
            SET status = $2, error = $3, events_processed = $4, total = $5, finished_at = now(), heartbeat_at = now()
          WHERE id = $1`,
        [running.id, status, error, running.eventsProcessed, running.total],
      );
    } catch (err) {
      // Unrecorded, the row stops beating and reads as abandoned once its heartbeat is stale.
      this.logger.error({ err, id: running.id }, 'could not record the end of a projection operation');
    }
    this.logger.info({ id: running.id, status, error }, 'projection operation ended');
  }
}
