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
import {
  findNewestOperations,
  findOperation,
  findRunningOperation,
  insertOperation,
  markAbandoned,
  pruneOperations,
  recordEnd,
  recordProgress,
  type OperationKind,
  type ProjectionOperation,
} from './projection-operations-table.js';

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
  list(): Promise<ProjectionOperation[]> {
    return findNewestOperations(this.pool, this.staleSeconds, LIST);
  }

  find(id: string): Promise<ProjectionOperation | undefined> {
    return findOperation(this.pool, this.staleSeconds, id);
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
    let operation: ProjectionOperation | undefined;
    try {
      lease = busyHere ? null : await this.leases.tryTake(OPERATION_LEASE);
      if (lease) operation = await this.begin(kind, projection);
    } catch (error) {
      await lease?.release().catch(() => undefined);
      throw error;
    } finally {
      if (!busyHere) this.starting = false;
    }
    if (!lease || !operation) throw new OperationRunningError(await findRunningOperation(this.pool, this.staleSeconds));
    const held = lease;
    const running: Running = { id: operation.id, eventsProcessed: 0, total: null, abort: new AbortController() };
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
      `projection-operation:${operation.id}`,
      HEARTBEAT_MS,
      () => void this.beat(running, held),
    );
    this.logger.info({ kind, projection, id: operation.id }, 'projection operation started from the admin console');
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
    return operation;
  }

  /** Records the new operation (and, for good, the end of any whose process died); prunes old ones. */
  private async begin(kind: OperationKind, projection: string | null): Promise<ProjectionOperation> {
    await markAbandoned(this.pool, this.staleSeconds);
    const id = `${kind}-${String(Date.now())}-${randomUUID().slice(0, 8)}`;
    const operation = await insertOperation(this.pool, this.staleSeconds, {
      id,
      kind,
      projection,
      holder: this.leases.holder,
    });
    await pruneOperations(this.pool, KEEP);
    return operation;
  }

  /** Progress and heartbeat; a lost lease (another instance may start one now) stops the operation here. */
  private async beat(running: Running, lease: HeldLease): Promise<void> {
    if (lease.lost && !running.abort.signal.aborted) {
      this.logger.warn({ id: running.id }, 'projection operation lease lost: stopping the operation');
      running.abort.abort();
    }
    await recordProgress(this.pool, running.id, running).catch((err: unknown) =>
      this.logger.warn({ err, id: running.id }, 'could not record projection operation progress'),
    );
  }

  private async end(running: Running, error: string | null): Promise<void> {
    if (running.total !== null) running.total = Math.max(running.total, running.eventsProcessed);
    try {
      const status = await recordEnd(this.pool, running.id, error, running);
      this.logger.info({ id: running.id, status, error }, 'projection operation ended');
    } catch (err) {
      // Unrecorded, the row stops beating and reads as abandoned once its heartbeat is stale.
      this.logger.error({ err, id: running.id }, 'could not record the end of a projection operation');
    }
  }
}
