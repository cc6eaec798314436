/**
 * Applies events to one build of one projection and commits the changed rows together with the
 * build's new checkpoint in one transaction: a crash loses at most what was not committed yet, and
 * the build resumes from its checkpoint, so no event is ever applied twice or half.
 *
 * Live, it commits after every batch. While catching up (replaying the log), it keeps the rows in
 * memory across batches and commits about every COMMIT_EVERY_EVENTS events or COMMIT_EVERY_MS,
 * writing only the rows that changed since; the commit runs while the next batch is applied.
 *
 * An event the projection cannot take (unknown version, malformed data, a throw in `rowsToLoad`
 * or `apply`) stops the build at that event: the event's partial changes are undone, everything
 * before it is committed, and the event and the reason are recorded.
 *
 * A build that stopped (failed at an event here, or retired or failed elsewhere, as a commit finds
 * its row) goes no further here: `apply` and `commit` throw BuildStoppedError, at the point where
 * they found out, and every later call throws it at once. What it committed stays committed.
 */
import { decodeEvent, type CatalogueEvent, type Projection, type RowRef } from '@creatorsync/projections';
import type pg from 'pg';
import type { RecordedEvent } from '../event-store/event-store.port.js';
import { formatPosition, type Position } from '../event-store/position.js';
import type { Logger } from '../logging/logger.js';
import { changedChannels, recordChannelPositions } from './channel-read-positions.js';
import {
  inTransaction,
  loadCheckpoint,
  markFailedAtEvent,
  movePartitionCheckpoint,
  saveBuildCheckpoint,
  savePartitionCheckpoint,
  type BuildState,
  type ProjectionBuild,
} from './projection-builds.js';
import { physicalTable } from './read-model-tables.js';
import { loadRows, prepareChanges, writePrepared } from './row-io.js';
import { RedoLog } from './internal/redo-log.js';
import { WorkingSet } from './working-set.js';
import { must } from '../must.js';

/** Catch-up commits: often enough that a crash loses little and progress shows, rarely enough to batch writes. */
const COMMIT_EVERY_EVENTS = 100_000;
const COMMIT_EVERY_MS = 2_000;
/** The working set is dropped (after a commit) past this many rows; from then on rows are looked up as needed. */
const MAX_CACHED_ROWS = 1_500_000;

export type DecodeOutcome = CatalogueEvent | { error: unknown };

/** What applying needs of a recorded event beside its decoded form. */
export type EventInLog = Pick<RecordedEvent, 'id' | 'type' | 'position' | 'createdAt'>;

/** Where an applied event sits in the log and when it was appended (what a commit's checkpoint records). */
type LoggedAt = Pick<RecordedEvent, 'position' | 'createdAt'>;
type FailedEvent = Pick<RecordedEvent, 'id' | 'type' | 'position'>;

export interface BuildApplierOptions {
  pool: pg.Pool;
  projection: Projection;
  build: ProjectionBuild;
  logger: Logger;
  /** How often catch-up commits (tests make it commit often, to crash or read between commits). */
  catchUpCommitEvery?: CommitCadence;
  /**
   * Set when this applier replays one partition of a replay split by channel: it starts from, and
   * commits with, the partition's own checkpoint (projection_build_partitions), not the build's.
   */
  partition?: PartitionCheckpoint;
}

export interface PartitionCheckpoint {
  index: number;
  checkpoint: Position | null;
  eventsProcessed: number;
}

export interface CommitCadence {
  events?: number;
  ms?: number;
}

export class BuildApplier {
  readonly handles: ReadonlySet<string>;
  private rows: WorkingSet;
  private committed: { position: Position | null; events: number };
  private pending = 0;
  /** The events applied since the last commit started, for a redo from the committed rows. */
  private readonly uncommitted = new RedoLog<CatalogueEvent, Position>();
  /** Events of the commit running now (applied, not yet known to be committed). */
  private committingEvents = 0;
  private lastApplied: LoggedAt | undefined;
  private lastCommitAt = performance.now();
  private committing: Promise<BuildState | undefined> | undefined;
  /**
   * What this applier holds may differ from what is committed: a commit failed (its reply may have
   * been lost after the server committed), a reset failed, or a replay elsewhere moved the checkpoint.
   * Until a reset succeeds, its position is not to be trusted and it applies nothing.
   */
  private unsure = false;
  /** Set once the build must not go on here: it failed at an event, or was retired elsewhere. */
  stoppedBecause: StopReason | undefined;

  constructor(private readonly options: BuildApplierOptions) {
    this.handles = new Set(options.projection.handles);
    const { build, partition } = options;
    const start = partition ?? build;
    // A build with no checkpoint has written nothing: its tables are empty, so the set knows every row.
    // (A partition's set knows every row of its own channels, the only rows it reads.)
    this.rows = new WorkingSet(options.projection.tables, {
      complete: build.checkpoint === null && start.checkpoint === null,
    });
    this.committed = { position: start.checkpoint, events: start.eventsProcessed };
  }

  /** True until a `reset()` succeeds after an error: resume only after resetting. */
  get needsReset(): boolean {
    return this.unsure;
  }

  /** The committed checkpoint moved elsewhere (a replay split by channel handed over): reset before applying. */
  invalidate(): void {
    this.unsure = true;
  }

  get buildId(): number {
    return this.options.build.buildId;
  }

  /** The position of the last event applied (committed or not): the next event must come after it. */
  get position(): Position | null {
    return this.lastApplied?.position ?? this.committed.position;
  }

  /** Events applied so far, committed or not (for progress). */
  get eventsApplied(): number {
    return this.committed.events + this.committingEvents + this.pending;
  }

  /**
   * Applies events the projection handles, in log order, all after `position`; `outcomes[i]` is
   * events[i] decoded (builds fed together share the outcomes, so each event is decoded once).
   * Commits as the mode says. Throws BuildStoppedError when the build stopped (failed at an event, or retired).
   */
  async apply(
    events: readonly EventInLog[],
    outcomes: readonly DecodeOutcome[],
    mode: 'live' | 'catch-up',
  ): Promise<void> {
    this.mustGoOn();
    this.mustBeSure();
    const decoded: CatalogueEvent[] = [];
    let failure: { index: number; error: unknown } | undefined;
    for (let i = 0; i < events.length; i++) {
      const outcome = must(outcomes[i], 'outcomes[i]');
      if ('error' in outcome) {
        failure = { index: i, error: outcome.error };
        break;
      }
      decoded.push(outcome);
    }
    const applied = await this.applyDecoded(events, decoded);
    if (applied) failure = applied; // an apply failure comes before any decode failure (decoded stops there)
    if (failure) {
      // Undo restores the rows the failed event put or deleted, but not a nested value it changed in
      // place (copies are shallow): start again from what is committed and re-apply the events since.
      const redone = await this.redoFromCommitted();
      const event = must(events[failure.index], 'events[failure.index]');
      const failed = redone ?? {
        event: { id: event.id, type: event.type, position: event.position },
        error: failure.error,
      };
      await this.recordFailure(failed.event, failed.error);
      throw new BuildStoppedError(this.buildId, 'failed');
    }
    if (mode === 'live' || this.rows.size() > MAX_CACHED_ROWS) {
      await this.commit();
      if (this.rows.size() > MAX_CACHED_ROWS) this.rows.clear();
      return;
    }
    const every = this.options.catchUpCommitEvery;
    if (
      this.pending >= (every?.events ?? COMMIT_EVERY_EVENTS) ||
      performance.now() - this.lastCommitAt >= (every?.ms ?? COMMIT_EVERY_MS)
    )
      await this.startCommit();
  }

  /** Loads what the events need (unless the set is complete) and applies them; the first failure, if any. */
  private async applyDecoded(
    events: readonly LoggedAt[],
    decoded: CatalogueEvent[],
  ): Promise<{ index: number; error: unknown } | undefined> {
    const { projection } = this.options;
    let failure: { index: number; error: unknown } | undefined;
    if (!this.rows.complete) {
      // Loads must see every earlier change: wait for a commit still running.
      await this.settle();
      const refs: RowRef[] = [];
      for (let i = 0; i < decoded.length; i++) {
        try {
          for (const ref of projection.rowsToLoad(must(decoded[i], 'decoded[i]'))) refs.push(ref);
        } catch (error) {
          failure = { index: i, error };
          decoded = decoded.slice(0, i);
          break;
        }
      }
      await loadRows(this.options.pool, projection.tables, this.physical, refs, this.rows);
    }
    for (let i = 0; i < decoded.length; i++) {
      this.rows.beginEvent();
      try {
        projection.apply(must(decoded[i], 'decoded[i]'), this.rows);
      } catch (error) {
        this.rows.undoEvent();
        return { index: i, error };
      }
      const event = must(events[i], 'events[i]');
      this.lastApplied = event;
      this.uncommitted.record(must(decoded[i], 'decoded[i]'), event.position, event.createdAt);
      this.pending++;
    }
    return failure;
  }

  /**
   * Drops the working set, re-applies the events applied since the last commit onto the committed
   * rows, and commits them. Returns the event that failed this time, if one did (it should not:
   * projections are deterministic).
   */
  private async redoFromCommitted(): Promise<{ event: FailedEvent; error: unknown } | undefined> {
    await this.settle();
    const { events, decoded } = this.uncommitted.take();
    this.rows = new WorkingSet(this.options.projection.tables, { complete: this.committed.position === null });
    this.pending = 0;
    this.lastApplied = undefined;
    const again = events.length > 0 ? await this.applyDecoded(events, decoded) : undefined;
    await this.commit();
    if (!again) return undefined;
    const failed = must(decoded[again.index], 'decoded[again.index]');
    return {
      event: { id: failed.id, type: failed.type, position: must(events[again.index], 'events[again.index]').position },
      error: again.error,
    };
  }

  /**
   * Commits what was applied and waits for it (and for a commit already running). Throws
   * BuildStoppedError when the build stopped (a commit found it retired, or failed in another partition).
   */
  async commit(): Promise<void> {
    await this.startCommit();
    await this.settle();
  }

  /**
   * After an error (database, connection): forgets what was applied and not committed, and
   * returns the committed checkpoint to resume from.
   */
  async reset(): Promise<Position | null> {
    // Stays set if this fails: the in-memory checkpoint may be behind a commit whose reply was lost.
    this.unsure = true;
    await this.committing?.catch(() => undefined);
    this.committing = undefined;
    this.pending = 0;
    this.uncommitted.clear();
    this.lastApplied = undefined;
    this.rows = new WorkingSet(this.options.projection.tables, { complete: false });
    const { position, events } = (await loadCheckpoint(
      this.options.pool,
      this.buildId,
      this.options.partition?.index,
    )) ?? { position: null, events: 0 };
    this.committed = { position, events };
    this.rows.complete = position === null;
    this.unsure = false;
    return position;
  }

  /** Starts committing what was applied; waits only for the commit before it. */
  private async startCommit(): Promise<void> {
    await this.settle();
    this.mustBeSure();
    if (this.pending === 0) return;
    // Built now: the rows stay in the working set, and the next batch may change them while this commits.
    const changes = this.rows.takeChanges();
    const write = prepareChanges(this.physical, changes);
    const channels = changedChannels(changes);
    const last = must(this.lastApplied, 'this.lastApplied');
    const count = this.pending;
    this.pending = 0;
    this.uncommitted.clear();
    this.committingEvents = count;
    this.lastCommitAt = performance.now();
    const committing = inTransaction(this.options.pool, async (client) => {
      await writePrepared(client, write);
      await recordChannelPositions(client, this.buildId, channels, last.position);
      return this.saveCheckpoint(client, last, count);
    }).then(
      (state) => {
        this.committed = { position: last.position, events: this.committed.events + count };
        this.committingEvents = 0;
        return state;
      },
      (error: unknown) => {
        this.committingEvents = 0;
        // Committed or not, nobody knows (a reply lost after COMMIT): only a reset tells.
        this.unsure = true;
        throw error;
      },
    );
    // Awaited by the next settle(); a failure surfaces there (this only keeps it from being reported as unhandled meanwhile).
    committing.catch(() => undefined);
    this.committing = committing;
  }

  /**
   * Moves the checkpoint with the commit, in its transaction; returns the build's state. A
   * partition's checkpoint leaves the build's row alone, so partitions never wait for each other.
   */
  private saveCheckpoint(client: pg.ClientBase, last: LoggedAt, count: number): Promise<BuildState | undefined> {
    const { build, partition } = this.options;
    return partition
      ? savePartitionCheckpoint(client, build.buildId, partition.index, last.position, count)
      : saveBuildCheckpoint(client, build.buildId, last, count);
  }

  /**
   * A partition that has applied every event of its own up to `position` commits and moves its
   * checkpoint there (past the other partitions' events, which are not its to apply). Throws
   * BuildStoppedError, before moving the checkpoint, when its last commit finds the build stopped.
   */
  async finishPartitionAt(position: Position): Promise<void> {
    if (!this.options.partition) throw new Error('finishPartitionAt is for a partition of a replay split by channel');
    await this.commit();
    const state = await movePartitionCheckpoint(
      this.options.pool,
      this.buildId,
      this.options.partition.index,
      position,
    );
    this.committed = { ...this.committed, position };
    this.lastApplied = undefined;
    // Done here either way: a build this finds stopped is noted (and logged), not thrown for.
    this.noteState(state);
  }

  /**
   * Waits for a running commit; throws BuildStoppedError when the build stopped: already, or as the
   * commit found it retired by a switch elsewhere (or failed in another partition).
   */
  private async settle(): Promise<void> {
    const committing = this.committing;
    if (committing) {
      const state = await committing;
      if (this.committing === committing) this.committing = undefined;
      this.noteState(state);
    }
    this.mustGoOn();
  }

  private noteState(state: BuildState | undefined): void {
    if ((state === 'retired' || state === 'failed') && !this.stoppedBecause) {
      this.stoppedBecause = state;
      this.options.logger.info(
        { projection: this.options.projection.name, buildId: this.buildId, state },
        'build is no longer building here, runner stops',
      );
    }
  }

  private mustGoOn(): void {
    if (this.stoppedBecause) throw new BuildStoppedError(this.buildId, this.stoppedBecause);
  }

  private mustBeSure(): void {
    if (this.unsure) throw new ApplierNeedsResetError(this.buildId);
  }

  private readonly physical = (table: string) => physicalTable(table, this.options.build.buildId);

  private async recordFailure(event: FailedEvent, error: unknown): Promise<void> {
    const { projection, pool, logger } = this.options;
    this.stoppedBecause = 'failed';
    const message = error instanceof Error ? error.message : String(error);
    await markFailedAtEvent(pool, this.buildId, event, message);
    logger.error(
      { projection: projection.name, buildId: this.buildId, eventId: event.id, eventType: event.type, error: message },
      'projection stopped at an event it cannot handle',
    );
  }
}

/** Upcasts and validates an event, or says why it cannot be (the build then stops at it). */
export function decodeRecorded(
  event: Pick<RecordedEvent, 'id' | 'type' | 'streamId' | 'position' | 'data' | 'metadata'>,
): DecodeOutcome {
  try {
    const { id, type, streamId, data, metadata } = event;
    return decodeEvent({ id, type, streamId, position: formatPosition(event.position), data, metadata });
  } catch (error) {
    return { error };
  }
}

export type StopReason = 'failed' | 'retired';

/**
 * The build stopped and goes no further here: it failed at an event, or was retired (or failed)
 * elsewhere. Not an error to retry after: its runner ends, and a group or partition replaying it
 * with others goes on without it (`ignoreBuildStopped`).
 */
export class BuildStoppedError extends Error {
  constructor(
    readonly buildId: number,
    readonly reason: StopReason,
  ) {
    super(`Build ${buildId} stopped: ${reason}`);
    this.name = 'BuildStoppedError';
  }
}

/** For callers that go on with other builds when one stops: swallows BuildStoppedError, rethrows anything else. */
export function ignoreBuildStopped(error: unknown): void {
  if (!(error instanceof BuildStoppedError)) throw error;
}

/** An applier was used after an error without a successful reset: it might apply events twice. */
export class ApplierNeedsResetError extends Error {
  constructor(readonly buildId: number) {
    super(`Build ${buildId}: its applier must be reset (its checkpoint reread) after an error before it applies more`);
    this.name = 'ApplierNeedsResetError';
  }
}
