/**
 * Runs one build of one projection: reads the log from the build's checkpoint in batches, applies
 * the projection to a working set of rows, and writes the changed rows and the new checkpoint in
 * one transaction (so a crash never applies a batch twice or half). It then follows the log live.
 *
 * An event the projection cannot take (unknown version, malformed data, a throw in `apply`) stops
 * this build at that event, with the events before it committed, and records which event and why;
 * other projections go on. After a fix, the build resumes at that event.
 */
import { decodeEvent, MemoryRowSet, type CatalogueEvent, type Projection, type RowRef } from '@creatorsync/projections';
import type pg from 'pg';
import type { EventStore, RecordedEvent } from '../event-store/event-store.port.js';
import { formatPosition } from '../event-store/position.js';
import type { Logger } from '../logging/logger.js';
import { inTransaction, type ProjectionBuild } from './projection-builds.js';
import { physicalTable } from './read-model-tables.js';
import { loadRows, writeChanges } from './row-io.js';

export interface RunnerProgress {
  buildId: number;
  eventsProcessed: number;
  lastPosition: string | null;
  caughtUp: boolean;
}

export interface ProjectionRunnerOptions {
  pool: pg.Pool;
  eventStore: EventStore;
  projection: Projection;
  build: ProjectionBuild;
  logger: Logger;
  batchSize?: number;
  /** Called once when the build has processed everything in the log (it then follows live). */
  onCaughtUp?: (build: ProjectionBuild) => Promise<void>;
  onProgress?: (progress: RunnerProgress) => void;
}

/** The working set is a cache while this runner is the build's only writer; past this many rows it starts over. */
const MAX_CACHED_ROWS = 250_000;

export class ProjectionRunner {
  private stopped = false;
  private subscription?: { close(): Promise<void> };
  private readonly rows: MemoryRowSet;
  private readonly handles: Set<string>;
  private eventsProcessed: number;
  private caughtUp = false;
  private finished?: Promise<void>;

  constructor(private readonly options: ProjectionRunnerOptions) {
    this.rows = new MemoryRowSet(options.projection.tables);
    this.handles = new Set(options.projection.handles);
    this.eventsProcessed = options.build.eventsProcessed;
  }

  /** Resolves when the runner stops: asked to, retired, or failed at an event. */
  start(): Promise<void> {
    this.finished ??= this.run();
    return this.finished;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.subscription?.close();
    await this.finished;
  }

  private async run(): Promise<void> {
    const { projection, build, logger } = this.options;
    let checkpoint = build.checkpoint;
    let delayMs = 500;
    while (!this.stopped) {
      try {
        const subscription = this.options.eventStore.subscribeToAll({
          fromPosition: checkpoint ?? 'start',
          filter: { eventTypePrefixes: [...projection.handles] },
          maxBatchSize: this.options.batchSize ?? 2000,
        });
        this.subscription = subscription;
        for await (const batch of subscription) {
          if (this.stopped) break;
          const events = batch.events.filter((e) => this.handles.has(e.type));
          if (events.length > 0) {
            const outcome = await this.processBatch(events);
            checkpoint = events[events.length - 1]!.position;
            if (outcome === 'stop') return;
          }
          if (batch.caughtUp && !this.caughtUp) {
            this.caughtUp = true;
            await this.options.onCaughtUp?.(build);
          }
          this.reportProgress(checkpoint ? formatPosition(checkpoint) : null);
          delayMs = 500;
        }
        return;
      } catch (error) {
        if (this.stopped) return;
        // A database or connection problem: nothing half-written (the batch rolled back); resume from the checkpoint.
        this.rows.clear();
        const stored = await this.reloadCheckpoint().catch(() => checkpoint);
        checkpoint = stored;
        logger.error({ err: error, projection: projection.name, buildId: build.buildId, retryInMs: delayMs }, 'projection runner error, resuming');
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        delayMs = Math.min(delayMs * 2, 30_000);
      } finally {
        await this.subscription?.close().catch(() => undefined);
      }
    }
  }

  private async processBatch(events: RecordedEvent[]): Promise<'go-on' | 'stop'> {
    const { projection } = this.options;
    const decoded: CatalogueEvent[] = [];
    let failure: { index: number; error: unknown } | undefined;
    for (const [index, event] of events.entries()) {
      try {
        decoded.push(decodeEvent({ ...event, position: formatPosition(event.position) }));
      } catch (error) {
        failure = { index, error };
        break;
      }
    }
    const applied = await this.applyAndCommit(events, decoded);
    if (applied.failedAt !== undefined && (failure === undefined || applied.failedAt < failure.index)) {
      failure = { index: applied.failedAt, error: applied.error };
    }
    if (applied.state === 'retired') {
      this.options.logger.info({ projection: projection.name, buildId: this.options.build.buildId }, 'build retired, runner stops');
      return 'stop';
    }
    if (failure) {
      await this.recordFailure(events[failure.index]!, failure.error);
      return 'stop';
    }
    return 'go-on';
  }

  /** Applies as many events as succeed and commits them with the checkpoint of the last one. */
  private async applyAndCommit(events: RecordedEvent[], decoded: CatalogueEvent[]): Promise<{ state?: string; failedAt?: number; error?: unknown }> {
    const { projection, build, pool } = this.options;
    let count = decoded.length;
    let failedAt: number | undefined;
    let error: unknown;
    const physical = (table: string) => physicalTable(table, build.buildId);
    for (;;) {
      const result = await inTransaction(pool, async (client) => {
        try {
          const refs: RowRef[] = [];
          for (let i = 0; i < count; i++) refs.push(...projection.rowsToLoad(decoded[i]!));
          await loadRows(client, projection.tables, physical, refs, this.rows);
        } catch (loadError) {
          return { retryWith: undefined, loadError };
        }
        for (let i = 0; i < count; i++) {
          try {
            projection.apply(decoded[i]!, this.rows);
          } catch (applyError) {
            return { retryWith: i, applyError };
          }
        }
        if (count === 0) return { state: undefined };
        await writeChanges(client, projection.tables, physical, this.rows);
        const last = events[count - 1]!;
        const { rows } = await client.query(
          `UPDATE projection_builds SET checkpoint_commit = $2, checkpoint_prepare = $3, events_processed = events_processed + $4,
             last_event_at = $5, updated_at = now() WHERE build_id = $1 RETURNING state`,
          [build.buildId, last.position.commit.toString(), last.position.prepare.toString(), count, last.createdAt],
        );
        return { state: rows[0]?.state as string | undefined };
      });
      if ('loadError' in result) throw result.loadError;
      if (result.retryWith !== undefined) {
        // The working set holds part of a failed event's changes: forget it, commit the events before it.
        this.rows.clear();
        failedAt = result.retryWith;
        error = result.applyError;
        count = result.retryWith;
        continue;
      }
      this.eventsProcessed += count;
      if (this.rows.size() > MAX_CACHED_ROWS) this.rows.clear();
      return { state: result.state, failedAt, error };
    }
  }

  private async recordFailure(event: RecordedEvent, error: unknown): Promise<void> {
    const { projection, build, pool, logger } = this.options;
    const message = error instanceof Error ? error.message : String(error);
    await pool.query(
      `UPDATE projection_builds SET state = 'failed', failed_event_id = $2, failed_position = $3, error = $4, updated_at = now() WHERE build_id = $1`,
      [build.buildId, event.id, formatPosition(event.position), message],
    );
    logger.error({ projection: projection.name, buildId: build.buildId, eventId: event.id, eventType: event.type, error: message }, 'projection stopped at an event it cannot handle');
  }

  private async reloadCheckpoint() {
    const { rows } = await this.options.pool.query(
      `SELECT checkpoint_commit::text AS c, checkpoint_prepare::text AS p FROM projection_builds WHERE build_id = $1`,
      [this.options.build.buildId],
    );
    const row = rows[0];
    return row?.c == null ? null : { commit: BigInt(row.c), prepare: BigInt(row.p) };
  }

  private reportProgress(lastPosition: string | null): void {
    this.options.onProgress?.({ buildId: this.options.build.buildId, eventsProcessed: this.eventsProcessed, lastPosition, caughtUp: this.caughtUp });
  }
}
