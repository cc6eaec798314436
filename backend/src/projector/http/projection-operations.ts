/**
 * Rebuilds and replays started from the admin console: the same operations as the CLI's
 * `projections rebuild <name>` and `projections replay` (cli/projections-rebuild.ts), run inside
 * this server process with its pool and event store. A new build replays the log into fresh tables
 * while the current one keeps serving, and readers switch when it has caught up; this process's own
 * projector then follows it. Progress is kept per operation for the console to poll. One operation
 * at a time: two would replay the same log twice over for nothing.
 */
import { Inject, Injectable } from '@nestjs/common';
import { allProjections } from '@creatorsync/projections';
import type pg from 'pg';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { PG_POOL } from '../../database/create-pool.js';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port.js';
import { LOGGER, type Logger } from '../../logging/logger.js';
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
  /** Events applied to the new build(s) so far. */
  eventsProcessed: number;
  /** Handled events in the log when it started (Postgres log only; null otherwise). */
  total: number | null;
  startedAt: string;
  finishedAt: string | null;
  /** What went wrong, in words, when it failed; for a replay, the projections that failed. */
  error: string | null;
}

export class OperationRunningError extends Error {
  constructor(readonly running: ProjectionOperation) {
    super(
      `a ${running.kind} (${running.projection ?? 'every projection'}) is running since ${running.startedAt}; wait for it to end`,
    );
  }
}

/** Operations kept for the console's list: the newest ones. */
const KEEP = 20;

@Injectable()
export class ProjectionOperations {
  private readonly operations: ProjectionOperation[] = [];
  private sequence = 0;

  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Newest first. */
  list(): ProjectionOperation[] {
    return this.operations.map((o) => ({ ...o }));
  }

  find(id: string): ProjectionOperation | undefined {
    const found = this.operations.find((o) => o.id === id);
    return found && { ...found };
  }

  /** Starts a rebuild of one projection (an unknown name throws UnknownProjectionError before anything starts). */
  rebuild(name: string): ProjectionOperation {
    findProjection(allProjections, name);
    return this.start('rebuild', name, async (context, progress) => {
      await rebuildProjection(context, name, { progress });
      return null;
    });
  }

  /** Starts a replay of every projection, together. */
  replay(): ProjectionOperation {
    return this.start('replay', null, async (context, progress) => {
      const { failures } = await replayAll(context, { progress });
      return failures.length ? failures.map((f) => `${f.name}: ${f.error.message}`).join('; ') : null;
    });
  }

  private start(
    kind: OperationKind,
    projection: string | null,
    run: (context: ProjectionsContext, progress: ProgressFactory) => Promise<string | null>,
  ): ProjectionOperation {
    const running = this.operations.find((o) => o.status === 'running');
    if (running) throw new OperationRunningError(running);
    this.sequence += 1;
    const operation: ProjectionOperation = {
      id: `${kind}-${Date.now()}-${this.sequence}`,
      kind,
      projection,
      status: 'running',
      eventsProcessed: 0,
      total: null,
      startedAt: new Date().toISOString(),
      finishedAt: null,
      error: null,
    };
    this.operations.unshift(operation);
    this.operations.splice(KEEP);
    const progress: ProgressFactory = (_name, total) => {
      operation.total = total;
      return {
        update: (p) => void (operation.eventsProcessed = p.eventsProcessed),
        finish: (eventsProcessed) => void (operation.eventsProcessed = eventsProcessed),
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
    this.logger.info({ kind, projection }, 'projection operation started from the admin console');
    run(context, progress).then(
      (failures) => this.end(operation, failures),
      (error: unknown) => this.end(operation, error instanceof Error ? error.message : String(error)),
    );
    return { ...operation };
  }

  private end(operation: ProjectionOperation, error: string | null): void {
    operation.status = error ? 'failed' : 'completed';
    operation.error = error;
    operation.finishedAt = new Date().toISOString();
    if (operation.total !== null) operation.total = Math.max(operation.total, operation.eventsProcessed);
    this.logger.info(
      { kind: operation.kind, projection: operation.projection, status: operation.status, error },
      'projection operation ended',
    );
  }
}
