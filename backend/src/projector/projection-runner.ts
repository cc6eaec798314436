/**
 * Runs one build of one projection: reads the log from the build's checkpoint in batches and hands
 * them to the build's applier (which commits rows and checkpoint together), then follows the log
 * live. The next page is read while the applier works on the current one.
 *
 * An event the projection cannot take stops this build at that event (see BuildApplier); other
 * projections go on. A database or connection error resumes from the committed checkpoint.
 */
import type { Projection } from '@creatorsync/projections';
import type pg from 'pg';
import type { EventStore } from '../event-store/event-store.port.js';
import { formatPosition } from '../event-store/position.js';
import type { Logger } from '../logging/logger.js';
import { BuildApplier, BuildStoppedError, decodeRecorded } from './build-applier.js';
import type { ProjectionBuild } from './projection-builds.js';
import { readAhead } from './read-ahead.js';
import { backoffDelayMs, DEFAULT_BACKOFF } from '../retry.js';

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
  /** An applier that already replayed part of the log for this build (a catch-up group's); else a new one. */
  applier?: BuildApplier;
  /** Called once when the build has processed everything in the log (it then follows live). */
  onCaughtUp?: (build: ProjectionBuild) => Promise<void>;
  onProgress?: (progress: RunnerProgress) => void;
}

/** Events per page read from the log; catch-up reads full pages, live pages are whatever is new. */
export const DEFAULT_BATCH_SIZE = 5000;

export class ProjectionRunner {
  private stopped = false;
  private subscription?: { close(): Promise<void> };
  private readonly applier: BuildApplier;
  /** Reached the head of the log once: from then on every batch commits at once (live). */
  private caughtUp = false;
  /** `onCaughtUp` has succeeded; until then every arrival at the head tries it again. */
  private handedOff = false;
  private finished?: Promise<void>;
  /** The last error the runner resumed after (cleared by a batch that went through). */
  lastError: unknown;

  constructor(private readonly options: ProjectionRunnerOptions) {
    this.applier = options.applier ?? new BuildApplier(options);
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
    const applier = this.applier;
    let failures = 0;
    // An applier handed over after an error (a catch-up group's whose reset failed) starts with a reset.
    let resetNeeded = applier.needsReset;
    while (!this.isStopped()) {
      try {
        if (resetNeeded) await applier.reset();
        resetNeeded = false;
        const subscription = this.options.eventStore.subscribeToAll({
          fromPosition: applier.position ?? 'start',
          filter: { eventTypePrefixes: [...projection.handles] },
          maxBatchSize: this.options.batchSize ?? DEFAULT_BATCH_SIZE,
        });
        this.subscription = subscription;
        for await (const batch of readAhead(subscription)) {
          if (this.isStopped()) break;
          const events = batch.events.filter((e) => applier.handles.has(e.type));
          if (events.length > 0)
            await applier.apply(events, events.map(decodeRecorded), this.caughtUp ? 'live' : 'catch-up');
          if (batch.caughtUp && !this.handedOff) {
            // Everything read is committed before readers may switch to this build.
            await applier.commit();
            this.caughtUp = true;
            // If this fails (a lost connection, a deadlock), the next arrival at the head after the
            // resume tries again: otherwise the build would follow the log without readers ever switching.
            await this.options.onCaughtUp?.(build);
            this.handedOff = true;
          }
          this.reportProgress();
          this.lastError = undefined;
          failures = 0;
        }
        // Stopped: keep what was applied (a later run resumes after it); a failure here only loses that.
        await applier.commit().catch(() => undefined);
        return;
      } catch (error) {
        // Asked to stop, or the build stopped (failed at an event, retired): nothing to resume.
        if (this.isStopped() || error instanceof BuildStoppedError) return;
        // Nothing half-written (a commit is one transaction): forget what was not committed, resume from the checkpoint.
        resetNeeded = true;
        this.lastError = error;
        const delayMs = backoffDelayMs(++failures, DEFAULT_BACKOFF);
        logger.error(
          { err: error, projection: projection.name, buildId: build.buildId, retryInMs: delayMs },
          'projection runner error, resuming',
        );
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      } finally {
        await this.subscription?.close().catch(() => undefined);
      }
    }
  }

  /** Whether stop() has run, read through a call: it may run while run() awaits, which narrowing of `stopped` does not see. */
  private isStopped(): boolean {
    return this.stopped;
  }

  private reportProgress(): void {
    const position = this.applier.position;
    this.options.onProgress?.({
      buildId: this.options.build.buildId,
      eventsProcessed: this.applier.eventsApplied,
      lastPosition: position ? formatPosition(position) : null,
      caughtUp: this.caughtUp,
    });
  }
}
