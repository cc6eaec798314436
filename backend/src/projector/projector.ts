/**
 * Keeps every projection's read tables up to date. For each projection in `projections/`:
 * - its active build (the tables readers see) runs and follows the log live, when this process has
 *   the code that made it (same version and code fingerprint: build-precedence.ts);
 * - when the code's version is higher than the active build's, a new build replays the whole log into
 *   fresh tables while the old tables keep serving, and readers switch when it has caught up;
 * - an active build of a higher version, or of the same version by other code, is neither replaced
 *   nor followed here: the process logs why and reports it as a conflict (projector-presence.ts);
 * - `rebuild(name)` does the same on demand for the current version.
 * One runner per build across all processes (a session advisory lock), so several backends or a
 * CLI rebuild beside a server never apply a batch twice. Retired builds' tables are dropped after
 * a grace period, so in-flight readers of the old tables finish first.
 */
import type { Projection } from '@creatorsync/projections';
import type pg from 'pg';
import type { EventStore } from '../event-store/event-store.port.js';
import type { Logger } from '../logging/logger.js';
import { BUILD_LOCK_CLASS, BuildLocks, buildLockHolder } from './build-locks.js';
import {
  activateBuild,
  createBuild,
  findActiveBuild,
  findBuild,
  findBuildsOf,
  findExpiredRetiredBuilds,
  findPartitionedAmong,
  findRetiredAmong,
  labelUnfingerprintedBuild,
  markBuildsFailed,
  markCaughtUp,
  markTablesDropped,
  resumeFailedBuilds,
  type ProjectionBuild,
} from './projection-builds.js';
import { forgetChannelPositions } from './channel-read-positions.js';
import { DEFAULT_BATCH_SIZE, ProjectionRunner, type RunnerProgress } from './projection-runner.js';
import { BuildApplier, type CommitCadence } from './build-applier.js';
import { CatchUpGroup } from './catch-up-group.js';
import { planReplay } from './replay-mode.js';
import { formatPosition } from '../event-store/position.js';
import { dropBuildTables } from './read-model-tables.js';
import { PartitionedReplay, type ParallelReplayConfig } from './partitioned/partitioned-replay.js';
import { compareBuild, refusalToFollow, refusalToReplace } from './build-precedence.js';
import { codeFingerprint, fingerprintProjections } from './code-fingerprint.js';
import { ReplayCodeMismatchError } from './partitioned/replay-code-check.js';
import { ProjectorPresence, type ProcessKind, type ProjectionConflict } from './projector-presence.js';
import { must } from '../must.js';
import { scheduleInterval, SchedulerRegistry } from '../scheduling.js';

export interface ProjectorOptions {
  pool: pg.Pool;
  eventStore: EventStore;
  projections: readonly Projection[];
  logger: Logger;
  reconcileIntervalMs?: number;
  retiredGraceMs?: number;
  batchSize?: number;
  catchUpCommitEvery?: CommitCadence;
  /**
   * Replays of projections that declare `parallel: 'by-channel'` run split by channel in worker
   * threads (partitioned/partitioned-replay.ts). Only for the Postgres log; absent: in one thread.
   */
  parallelReplay?: ParallelReplayConfig;
  /** What this process is, in `projector_processes` (default: server). */
  kind?: ProcessKind;
  heartbeatMs?: number;
  /** Where its recurring timers (reconcile, heartbeat) are registered; default: its own. */
  scheduler?: SchedulerRegistry;
  /**
   * How long a build that `rebuild` waits for may make no progress (no event applied, no switch)
   * before the rebuild fails, saying where it is stuck. Default 10 minutes.
   */
  stallTimeoutMs?: number;
}

interface RunningBuild {
  runner: { stop(): Promise<void>; readonly lastError?: unknown };
  done: Promise<void>;
}

interface BuildToRun {
  projection: Projection;
  build: ProjectionBuild;
  onProgress?: (progress: RunnerProgress) => void;
}

interface LockedBuild extends BuildToRun {
  applier: BuildApplier;
  /** `lost`: the build's lock was lost; whatever runs it stops, and nothing more is written. */
  lock: { lost: boolean };
}

export interface RebuildOutcome {
  name: string;
  build?: ProjectionBuild;
  error?: Error;
}

function progressOf(applier: BuildApplier, caughtUp: boolean): RunnerProgress {
  const position = applier.position;
  return {
    buildId: applier.buildId,
    eventsProcessed: applier.eventsApplied,
    lastPosition: position ? formatPosition(position) : null,
    caughtUp,
  };
}

export { BUILD_LOCK_CLASS };

const DEFAULT_STALL_TIMEOUT_MS = 10 * 60_000;

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class Projector {
  private readonly running = new Map<number, RunningBuild>();
  /** Events applied so far by builds a rebuild here waits for (run here), as their runners report. */
  private readonly localProgress = new Map<number, number>();
  private stopReconciling?: () => void;
  private reconciling?: Promise<void>;
  private stopped = false;
  private stopping?: Promise<void>;

  private readonly locks: BuildLocks;
  readonly presence: ProjectorPresence;
  /** Conflicts already logged (each once, not at every reconcile). */
  private readonly loggedConflicts = new Set<string>();

  private readonly scheduler: SchedulerRegistry;

  constructor(private readonly options: ProjectorOptions) {
    this.scheduler = options.scheduler ?? new SchedulerRegistry();
    this.locks = new BuildLocks(options.pool, options.logger);
    // Fingerprinted now, while the files on disk are the ones this process loaded.
    fingerprintProjections(options.projections);
    this.presence = new ProjectorPresence({
      pool: options.pool,
      kind: options.kind ?? 'server',
      projections: options.projections,
      logger: options.logger,
      following: () => [...this.running.keys()],
      heartbeatMs: options.heartbeatMs,
      scheduler: this.scheduler,
    });
  }

  /**
   * Resumes builds that failed before (the fix may be in this code), then keeps reconciling. A
   * failed first pass (the database went away just after start-up) is logged like any later one:
   * the next pass starts what it could not, instead of a process left with no projector.
   */
  async start(): Promise<void> {
    await this.presence.begin();
    await resumeFailedBuilds(this.options.pool, this.options.projections);
    const reconcileLogged = () =>
      this.reconcile().catch((err: unknown) => this.options.logger.error({ err }, 'projector reconcile failed'));
    this.stopReconciling = scheduleInterval(
      this.scheduler,
      'projector-reconcile',
      this.options.reconcileIntervalMs ?? 5000,
      () => void reconcileLogged(),
    );
    await reconcileLogged();
  }

  /** Stops every runner (each commits what it applied) and deregisters; later calls wait for the first. */
  stop(): Promise<void> {
    this.stopping ??= this.stopOnce();
    return this.stopping;
  }

  private async stopOnce(): Promise<void> {
    this.stopped = true;
    this.stopReconciling?.();
    await this.reconciling?.catch(() => undefined);
    await Promise.all([...this.running.keys()].map((id) => this.stopBuild(id)));
    await this.presence.end();
    await this.locks.close();
  }

  projection(name: string): Projection {
    const projection = this.options.projections.find((p) => p.name === name);
    if (!projection)
      throw new UnknownProjectionError(
        name,
        this.options.projections.map((p) => p.name),
      );
    return projection;
  }

  /** One pass: start what should run here and is not running anywhere, drop what has outlived its grace. */
  reconcile(): Promise<void> {
    this.reconciling ??= this.reconcileOnce().finally(() => (this.reconciling = undefined));
    return this.reconciling;
  }

  /** Replays the whole log into a new build of `name`, then switches readers to it. Resolves once switched. */
  async rebuild(name: string, onProgress?: (progress: RunnerProgress) => void): Promise<ProjectionBuild> {
    const [outcome] = await this.rebuildAll([name], onProgress && ((_name, progress) => onProgress(progress)));
    const { error, build } = must(outcome, 'outcome');
    if (error) throw error;
    return must(build, 'outcome.build');
  }

  /**
   * Replays the whole log into a new build of each named projection, reading the log once for all
   * of them, and switches readers to each as it catches up. Resolves when every one has switched or
   * failed; one failing does not stop the others.
   */
  async rebuildAll(
    names: readonly string[],
    onProgress?: (name: string, progress: RunnerProgress) => void,
  ): Promise<RebuildOutcome[]> {
    const projections = names.map((name) => this.projection(name));
    await this.presence.begin();
    const items: BuildToRun[] = [];
    const refused = new Map<string, Error>();
    for (const projection of projections) {
      const active = await findActiveBuild(this.options.pool, projection.name);
      const refusal =
        active &&
        refusalToReplace(active, { version: projection.version, codeFingerprint: codeFingerprint(projection) });
      if (refusal) {
        refused.set(projection.name, new RebuildRefusedError(projection.name, refusal));
        continue;
      }
      const build = await createBuild(this.options.pool, projection, { activate: !active });
      items.push({
        projection,
        build,
        onProgress: (progress) => {
          this.localProgress.set(build.buildId, progress.eventsProcessed);
          onProgress?.(projection.name, progress);
        },
      });
    }
    // A failure here (a lost connection) is retried while waiting: each build is taken up again.
    await this.runBuilds(items).catch((error: unknown) =>
      this.options.logger.warn({ err: error }, 'rebuild could not start every build yet; retrying'),
    );
    const outcomes = await Promise.all(
      items.map(async (item): Promise<RebuildOutcome> => {
        const { projection, build } = item;
        try {
          await this.waitForCaughtUp(item);
          return {
            name: projection.name,
            build: must(
              await findBuild(this.options.pool, build.buildId),
              'await findBuild(this.options.pool, build.buildId)',
            ),
          };
        } catch (error) {
          return { name: projection.name, error: error as Error };
        }
      }),
    );
    return projections.map(
      ({ name }) =>
        outcomes.find((o) => o.name === name) ?? { name, error: must(refused.get(name), 'refused.get(name)') },
    );
  }

  private async reconcileOnce(): Promise<void> {
    if (this.stopped) return;
    const { pool, projections } = this.options;
    const toRun: BuildToRun[] = [];
    const conflicts: ProjectionConflict[] = [];
    for (const projection of projections) {
      const code = { version: projection.version, codeFingerprint: codeFingerprint(projection) };
      const builds = await findBuildsOf(pool, projection.name);
      const active = builds.find((b) => b.active);
      const refusal = active && refusalToFollow(active, code);
      if (refusal) {
        // A newer version, or the same version by other code, serves: not ours to replace or to follow.
        conflicts.push({ name: projection.name, buildId: active.buildId, reason: refusal });
        this.logConflictOnce(projection, active.buildId, refusal);
        continue;
      }
      const current = builds.filter(
        (b) => compareBuild(b, code) === 'same' && (b.state === 'building' || b.state === 'live'),
      );
      // A build of this version that failed at an event waits for a fix (a restart resumes it); another build would fail there too.
      if (current.length === 0 && builds.some((b) => b.version === projection.version && b.state === 'failed'))
        continue;
      if (current.length === 0) {
        // First start, or a new version in the code: build it (readers switch when it has caught up).
        current.push(await createBuild(pool, projection, { activate: !active }));
        this.options.logger.info(
          { projection: projection.name, version: projection.version, replacing: active?.version ?? null },
          'new projection build',
        );
      }
      for (const build of current) toRun.push({ projection, build });
    }
    this.presence.setConflicts(conflicts);
    // New builds (a first start, new versions) replay the log together.
    await this.runBuilds(toRun);
    await this.stopRetiredRunners();
    await this.presence.beat();
    await this.dropExpiredBuilds();
  }

  private logConflictOnce(projection: Projection, buildId: number, reason: string): void {
    const key = `${projection.name}:${buildId}`;
    if (this.loggedConflicts.has(key)) return;
    this.loggedConflicts.add(key);
    this.options.logger.warn(
      { projection: projection.name, version: projection.version, fingerprint: codeFingerprint(projection), buildId },
      `projection conflict: ${reason}`,
    );
  }

  /** A build retired by a switch elsewhere (a CLI rebuild, another instance) stops following the log here. */
  private async stopRetiredRunners(): Promise<void> {
    if (this.running.size === 0) return;
    const retired = await findRetiredAmong(this.options.pool, [...this.running.keys()]);
    for (const build of retired) await this.stopBuild(build.buildId);
  }

  /**
   * Runs the builds this process can lock. Builds that have not caught up yet and are started
   * together replay the log as one group (read and decoded once); each then goes on with its own
   * runner. Losing a build's lock stops whatever runs it, so two runners never write the same build.
   */
  private async runBuilds(items: readonly BuildToRun[]): Promise<void> {
    const locked = await this.lockBuilds(items);
    let splitIds: Set<number>;
    try {
      // Builds part-way through a replay split by channel have committed rows that their own checkpoint
      // does not cover yet: only that replay may go on with them.
      const catchingUpIds = locked.filter((b) => b.build.caughtUpAt === null).map((b) => b.build.buildId);
      splitIds = await findPartitionedAmong(this.options.pool, catchingUpIds);
    } catch (error) {
      // Nothing runs them yet: let them go, so the next reconcile (here or elsewhere) takes them up.
      await this.releaseAll(locked);
      throw error;
    }
    for (const b of locked) if (b.build.caughtUpAt !== null) this.startRunner(b);
    const catchingUp = locked.filter((b) => b.build.caughtUpAt === null);
    if (catchingUp.length === 0) return;
    const plan = planReplay(
      catchingUp.map((b) => ({
        ...b,
        splitByChannel: b.projection.parallel === 'by-channel',
        canRunInWorker: this.canRunInWorker(b.projection),
        fresh: b.build.checkpoint === null,
        partWayThroughSplit: splitIds.has(b.build.buildId),
      })),
    );
    for (const b of plan.cannotRunHere) {
      this.options.logger.warn(
        { projection: b.projection.name, buildId: b.build.buildId },
        'build is part-way through a replay split by channel, which this process cannot run',
      );
      await this.locks.release(b.build.buildId);
    }
    if (plan.split.length > 0) this.runPartitioned(plan.split);
    for (const b of plan.alone) this.startRunner(b);
    if (plan.together.length > 0) this.runTogether(plan.together);
  }

  /** Replays builds in one thread as one group (the log read and decoded once); each then goes on with its own runner. */
  private runTogether(grouped: LockedBuild[]): void {
    const group = new CatchUpGroup(
      {
        eventStore: this.options.eventStore,
        logger: this.options.logger,
        batchSize: this.options.batchSize ?? DEFAULT_BATCH_SIZE,
      },
      grouped.map((b) => ({ applier: b.applier, onBatch: () => b.onProgress?.(progressOf(b.applier, false)) })),
    );
    const handedOver = group.run().then(async () => {
      for (const b of grouped) {
        this.running.delete(b.build.buildId);
        if (b.lock.lost) continue;
        if (!this.stopped) this.startRunner(b);
        else {
          await b.applier.commit().catch(() => undefined);
          await this.locks.release(b.build.buildId);
        }
      }
    });
    for (const b of grouped) this.running.set(b.build.buildId, { runner: group, done: handedOver });
  }

  /**
   * Takes the lock of each build not running anywhere and reads its row afresh. If a statement fails
   * (a lost connection), the locks taken so far are released before the error goes on: a lock held
   * with nothing running the build would stall it in this process until the lock session died.
   */
  private async lockBuilds(items: readonly BuildToRun[]): Promise<LockedBuild[]> {
    const locked: LockedBuild[] = [];
    const acquiredIds: number[] = [];
    try {
      for (const { projection, build, onProgress } of items) {
        if (this.running.has(build.buildId) || this.stopped) continue;
        const id = build.buildId;
        const lock = { lost: false };
        const acquired = await this.locks.tryAcquire(id, () => {
          lock.lost = true;
          void this.running.get(id)?.runner.stop();
        });
        if (!acquired) continue; // another process (or a call here a moment ago) runs this build
        acquiredIds.push(id);
        // A build made before fingerprints were recorded is this code's (same version): label it.
        await labelUnfingerprintedBuild(this.options.pool, id, codeFingerprint(projection));
        const fresh = must(await findBuild(this.options.pool, id), 'await findBuild(this.options.pool, id)');
        const applier = new BuildApplier({
          pool: this.options.pool,
          projection,
          build: fresh,
          logger: this.options.logger,
          catchUpCommitEvery: this.options.catchUpCommitEvery,
        });
        locked.push({ projection, build: fresh, onProgress, applier, lock });
      }
    } catch (error) {
      for (const id of acquiredIds) await this.locks.release(id);
      throw error;
    }
    return locked;
  }

  private async releaseAll(builds: readonly LockedBuild[]): Promise<void> {
    for (const b of builds) await this.locks.release(b.build.buildId);
  }

  /** Splitting is configured, and a worker thread can load this projection (the configuration says which). */
  private canRunInWorker(projection: Projection): boolean {
    return this.options.parallelReplay?.workerProjections.includes(projection) ?? false;
  }

  /**
   * Replays builds split by channel; each build handed over (checkpoint at the replay's end) goes on
   * with its own runner. Otherwise (a failure, a stop) the locks go, and the build is taken up again
   * later, resuming from its partition checkpoints.
   */
  private runPartitioned(items: LockedBuild[]): void {
    const replay = new PartitionedReplay(
      {
        pool: this.options.pool,
        config: must(this.options.parallelReplay, 'this.options.parallelReplay'),
        logger: this.options.logger,
        pageSize: this.options.batchSize ?? DEFAULT_BATCH_SIZE,
        catchUpCommitEvery: this.options.catchUpCommitEvery,
      },
      items.map((b) => ({
        projection: b.projection,
        build: b.build,
        onProgress:
          b.onProgress &&
          ((eventsProcessed: number) =>
            must(
              b.onProgress,
              'b.onProgress',
            )({ buildId: b.build.buildId, eventsProcessed, lastPosition: null, caughtUp: false })),
      })),
    );
    const settle = async (handedOver: Set<number>) => {
      for (const b of items) {
        this.running.delete(b.build.buildId);
        if (b.lock.lost) continue;
        if (handedOver.has(b.build.buildId) && !this.stopped) {
          // The replay committed past this applier's checkpoint: its runner starts by reading it back.
          b.applier.invalidate();
          this.startRunner(b);
        } else await this.locks.release(b.build.buildId);
      }
    };
    const done = replay.run().then(settle, async (error: unknown) => {
      if (error instanceof ReplayCodeMismatchError) {
        // Retrying would meet the same files: the builds fail with the reason, until a process with matching files resumes them.
        this.options.logger.error({ err: error }, 'replay stopped: a worker thread runs other code');
        await markBuildsFailed(
          this.options.pool,
          items.map((b) => b.build.buildId),
          error.message,
        ).catch(() => undefined);
      } else if (!this.stopped)
        this.options.logger.warn(
          { err: error },
          'replay split by channel stopped; it resumes from its partition checkpoints',
        );
      await settle(new Set());
    });
    for (const b of items) this.running.set(b.build.buildId, { runner: replay, done });
  }

  private startRunner({ projection, build, onProgress, applier }: LockedBuild): void {
    const runner = new ProjectionRunner({
      pool: this.options.pool,
      eventStore: this.options.eventStore,
      projection,
      build,
      logger: this.options.logger,
      batchSize: this.options.batchSize,
      applier,
      onProgress,
      onCaughtUp: async () => {
        await markCaughtUp(this.options.pool, build.buildId);
        if (!build.active) {
          const switched = await activateBuild(this.options.pool, projection, build.buildId);
          if (switched.activated)
            this.options.logger.info(
              { projection: projection.name, buildId: build.buildId, version: projection.version },
              'readers switched to the new build',
            );
          else {
            // Retired instead: its runner stops (stopRetiredRunners), and readers stay where they are.
            this.options.logger.warn(
              { projection: projection.name, buildId: build.buildId, version: projection.version },
              `readers not switched to the new build: ${switched.reason}`,
            );
            void this.stopBuild(build.buildId);
          }
        }
      },
    });
    const done = runner.start().finally(async () => {
      this.running.delete(build.buildId);
      await this.locks.release(build.buildId);
    });
    this.running.set(build.buildId, { runner, done });
  }

  private async stopBuild(buildId: number): Promise<void> {
    const entry = this.running.get(buildId);
    if (!entry) return;
    await entry.runner.stop();
    await entry.done;
  }

  /**
   * Waits until readers have switched to the build. While another process runs it, its progress is
   * read from its row. A build that makes no progress for `stallTimeoutMs` (nothing applied, no
   * switch: a switch refused again and again, a holder that hangs) fails the wait with where it is stuck.
   */
  private async waitForCaughtUp({ projection, build: { buildId }, onProgress }: BuildToRun): Promise<void> {
    const stallTimeoutMs = this.options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS;
    let seen = '';
    let movedAt = Date.now();
    for (let failures = 0; ;) {
      let build: ProjectionBuild | undefined;
      try {
        build = await findBuild(this.options.pool, buildId);
        failures = 0;
      } catch (error) {
        // A lost connection (the runners resume on their own): look again, unless it keeps failing.
        if (this.stopped || ++failures > 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
        continue;
      }
      if (!build) throw new Error(`Build ${buildId} disappeared`);
      if (build.state === 'failed') throw new ProjectionFailedError(build);
      if (build.active && build.caughtUpAt) return;
      if (build.state === 'retired')
        throw new Error(`Build ${buildId} was retired before it caught up${build.error ? `: ${build.error}` : ''}`);
      if (this.stopped) throw new Error(`Build ${buildId} stopped before it caught up`);
      const state = [
        build.eventsProcessed,
        build.caughtUpAt?.getTime(),
        build.state,
        this.localProgress.get(buildId),
      ].join('|');
      if (state !== seen) [seen, movedAt] = [state, Date.now()];
      else if (Date.now() - movedAt > stallTimeoutMs) throw await this.stalled(build, Date.now() - movedAt);
      if (!this.running.has(buildId)) {
        // Run elsewhere: show its progress from its row.
        onProgress?.({
          buildId,
          eventsProcessed: build.eventsProcessed,
          lastPosition: build.checkpoint ? formatPosition(build.checkpoint) : null,
          caughtUp: build.caughtUpAt !== null,
        });
        // Not running here (its lock went with a lost connection): take it again and resume from its
        // checkpoint; if another process holds it now, that one finishes it and this waits.
        await this.runBuilds([{ projection, build, onProgress }]).catch(() => undefined);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Why a build has made no progress: who runs it, and the last error its runner met here. */
  private async stalled(build: ProjectionBuild, forMs: number): Promise<BuildStalledError> {
    const lastError = this.running.get(build.buildId)?.runner.lastError;
    const because = lastError === undefined ? '' : `; last error: ${errorMessage(lastError)}`;
    const seconds = Math.round(forMs / 1000);
    if (build.caughtUpAt !== null)
      return new BuildStalledError(build, `caught up, but readers have not switched to it for ${seconds} s${because}`);
    let runBy = 'this process';
    if (!this.running.has(build.buildId)) {
      const holder = await buildLockHolder(this.options.pool, build.buildId).catch(() => undefined);
      runBy = holder
        ? `another process (PostgreSQL backend ${holder.pid}${holder.application ? `, ${holder.application}` : ''}), which holds its lock`
        : 'no process';
    }
    return new BuildStalledError(
      build,
      `no progress for ${seconds} s at ${build.eventsProcessed} events; run by ${runBy}${because}`,
    );
  }

  private async dropExpiredBuilds(): Promise<void> {
    const graceSeconds = (this.options.retiredGraceMs ?? 10 * 60_000) / 1000;
    const expired = await findExpiredRetiredBuilds(this.options.pool, graceSeconds);
    for (const build of expired) {
      if (this.running.has(build.buildId)) await this.stopBuild(build.buildId);
      const client = await this.options.pool.connect();
      try {
        await dropBuildTables(client, build.tables, build.buildId);
        await forgetChannelPositions(client, build.buildId);
        await markTablesDropped(client, build.buildId);
      } finally {
        client.release();
      }
    }
  }
}

export class UnknownProjectionError extends Error {
  constructor(
    readonly projectionName: string,
    known: string[],
  ) {
    super(`Unknown projection "${projectionName}" (known: ${known.join(', ')})`);
    this.name = 'UnknownProjectionError';
  }
}

export class RebuildRefusedError extends Error {
  constructor(
    readonly projectionName: string,
    reason: string,
  ) {
    super(`Rebuild of ${projectionName} refused: ${reason}`);
    this.name = 'RebuildRefusedError';
  }
}

/** A build being waited for made no progress for too long; the message says where it is stuck. */
export class BuildStalledError extends Error {
  constructor(
    readonly build: ProjectionBuild,
    reason: string,
  ) {
    super(`Build ${build.buildId} of ${build.name}: ${reason}`);
    this.name = 'BuildStalledError';
  }
}

export class ProjectionFailedError extends Error {
  constructor(readonly build: ProjectionBuild) {
    super(
      build.failedEventId === null
        ? `Projection ${build.name} (build ${build.buildId}) failed: ${build.error}`
        : `Projection ${build.name} (build ${build.buildId}) failed at event ${build.failedEventId} (${build.failedPosition}): ${build.error}`,
    );
    this.name = 'ProjectionFailedError';
  }
}

/** Nest injection token for the app's Projector. */
export const PROJECTOR = Symbol('Projector');
