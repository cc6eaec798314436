/**
 * `projections rebuild <name>` and `projections replay`: a new build of a projection replays the
 * whole log into fresh tables while the current build keeps serving; readers switch when it has
 * caught up (the Projector's blue/green). The CLI's own Projector runs only that build, and is
 * stopped once readers have switched: from then on a running server's reconcile loop follows the
 * new build live (the build's advisory lock passes to it), or the next server start does.
 */
import type { Projection } from '@creatorsync/projections';
import type pg from 'pg';
import { findBuilds, type ProjectionBuild } from '../projector/projection-builds.js';
import type { RunnerProgress } from '../projector/projection-runner.js';
import { ProjectionFailedError, Projector, UnknownProjectionError } from '../projector/projector.js';
import type { ProjectionsContext } from './projections-context.js';
import { followBuild } from './projections-follow-build.js';
import type { ProgressFactory } from './projections-progress.js';

export interface RebuildResult {
  name: string;
  version: number;
  buildId: number;
  /** The build readers used before; null when there was none. */
  previousBuildId: number | null;
  eventsProcessed: number;
  durationMs: number;
  eventsPerSecond: number;
  position: string | null;
}

export interface RebuildOptions {
  progress?: ProgressFactory;
  /** Aborting stops the rebuild; the new build stays 'building' and a later projector run resumes it. */
  signal?: AbortSignal;
  batchSize?: number;
}

export class RebuildInterruptedError extends Error {
  constructor(
    readonly projectionName: string,
    readonly build: { buildId: number; eventsProcessed: number } | undefined,
    hadActiveBuild: boolean,
  ) {
    const resumes = 'a running server (or the next one to start) resumes it from its checkpoint';
    super(
      !build
        ? `Rebuild of ${projectionName} interrupted${hadActiveBuild ? '; the old build keeps serving' : ''}`
        : hadActiveBuild
          ? `Rebuild of ${projectionName} interrupted after ${build.eventsProcessed} events: build ${build.buildId} stays 'building' and the old build keeps serving; ${resumes} and switches when it catches up`
          : `Rebuild of ${projectionName} interrupted after ${build.eventsProcessed} events: build ${build.buildId} (the only one) serves what it has so far; ${resumes}`,
    );
    this.name = 'RebuildInterruptedError';
  }
}

export function findProjection(projections: readonly Projection[], name: string): Projection {
  const projection = projections.find((p) => p.name === name);
  if (!projection)
    throw new UnknownProjectionError(
      name,
      projections.map((p) => p.name),
    );
  return projection;
}

export async function rebuildProjection(
  context: ProjectionsContext,
  name: string,
  options: RebuildOptions = {},
): Promise<RebuildResult> {
  const { pool, eventStore, logger } = context;
  const projection = findProjection(context.projections, name);
  const { signal } = options;
  const before = await findBuilds(pool, 'name = $1', [name]);
  const previousBuildId = before.find((b) => b.active)?.buildId ?? null;
  const lastBuildId = Math.max(0, ...before.map((b) => b.buildId));
  // From here, so the summary's duration and rate match the bar's (which starts right after the count).
  const startedAt = performance.now();
  const total = context.logInPostgres ? await countHandledEvents(pool, projection) : null;
  // Last moment to stop with nothing created.
  if (signal?.aborted) throw new RebuildInterruptedError(name, undefined, previousBuildId !== null);
  const view = options.progress?.(name, total);
  const projector = new Projector({
    pool,
    eventStore,
    projections: [projection],
    logger,
    batchSize: options.batchSize,
    parallelReplay: context.parallelReplay,
  });
  // The stop is kept: an interruption is reported only once the batch in flight has committed (or not).
  let stopping: Promise<void> | undefined;
  const stopProjector = () => void (stopping ??= projector.stop());
  signal?.addEventListener('abort', stopProjector, { once: true });
  try {
    let build: ProjectionBuild;
    let last: RunnerProgress | undefined;
    const onProgress = (progress: RunnerProgress) => {
      last = progress;
      view?.update(progress);
    };
    // After Ctrl-C the database may be gone (an embedded PostgreSQL stops too): then the last progress tells.
    const interrupted = async () =>
      new RebuildInterruptedError(
        name,
        (await createdSince(pool, name, lastBuildId).catch(() => undefined)) ?? last,
        previousBuildId !== null,
      );
    try {
      build = await projector.rebuild(name, onProgress);
    } catch (error) {
      if (signal?.aborted) {
        await stopping;
        throw await interrupted();
      }
      const ours = await createdSince(pool, name, lastBuildId);
      if (error instanceof ProjectionFailedError || !ours) throw error;
      // Another process took the new build's lock first (or ours was lost): it runs there; watch it.
      logger.info({ projection: name, buildId: ours.buildId }, 'the new build runs in another process; following it');
      build = await followBuild(pool, ours.buildId, { signal, onProgress }).catch(async (followError) => {
        throw signal?.aborted ? await interrupted() : followError;
      });
    }
    const durationMs = performance.now() - startedAt;
    view?.finish(build.eventsProcessed);
    return {
      name,
      version: build.version,
      buildId: build.buildId,
      previousBuildId,
      eventsProcessed: build.eventsProcessed,
      durationMs,
      eventsPerSecond: durationMs > 0 ? build.eventsProcessed / (durationMs / 1000) : 0,
      position: build.checkpoint ? `${build.checkpoint.commit}-${build.checkpoint.prepare}` : null,
    };
  } finally {
    signal?.removeEventListener('abort', stopProjector);
    view?.stop();
    await (stopping ?? projector.stop());
  }
}

export interface ReplayOutcome {
  results: RebuildResult[];
  failures: Array<{ name: string; error: Error }>;
}

/**
 * Rebuilds every projection together: the log is read once for all of them (Projector.rebuildAll),
 * each switches readers as it catches up. One progress bar counts the events of all projections.
 * A projection that fails at an event does not keep the others from being rebuilt.
 */
export async function replayAll(context: ProjectionsContext, options: RebuildOptions = {}): Promise<ReplayOutcome> {
  const { pool, eventStore, logger, projections } = context;
  const { signal } = options;
  const before = await findBuilds(pool, 'active');
  const startedAt = performance.now();
  const total = context.logInPostgres
    ? (await Promise.all(projections.map((p) => countHandledEvents(pool, p)))).reduce((a, b) => a + b, 0)
    : null;
  if (signal?.aborted) throw new RebuildInterruptedError('every projection', undefined, before.length > 0);
  const view = options.progress?.(`all ${projections.length} projections`, total);
  const projector = new Projector({
    pool,
    eventStore,
    projections,
    logger,
    batchSize: options.batchSize,
    parallelReplay: context.parallelReplay,
  });
  // The stop is kept: an interruption is reported only once the batch in flight has committed (or not).
  let stopping: Promise<void> | undefined;
  const stopProjector = () => void (stopping ??= projector.stop());
  signal?.addEventListener('abort', stopProjector, { once: true });
  const applied = new Map<string, RunnerProgress>();
  const switchedAt = new Map<string, number>();
  try {
    const outcomes = await projector.rebuildAll(
      projections.map((p) => p.name),
      (name, progress) => {
        applied.set(name, progress);
        if (progress.caughtUp && !switchedAt.has(name)) switchedAt.set(name, performance.now() - startedAt);
        const sum = [...applied.values()].reduce((n, p) => n + p.eventsProcessed, 0);
        view?.update({ ...progress, eventsProcessed: sum });
      },
    );
    if (signal?.aborted) throw new RebuildInterruptedError('every projection', undefined, before.length > 0);
    const outcome: ReplayOutcome = { results: [], failures: [] };
    for (const { name, build, error } of outcomes) {
      if (error) {
        if (!(error instanceof ProjectionFailedError)) throw error;
        outcome.failures.push({ name, error });
        continue;
      }
      const durationMs = switchedAt.get(name) ?? performance.now() - startedAt;
      outcome.results.push({
        name,
        version: build!.version,
        buildId: build!.buildId,
        previousBuildId: before.find((b) => b.name === name)?.buildId ?? null,
        eventsProcessed: build!.eventsProcessed,
        durationMs,
        eventsPerSecond: durationMs > 0 ? build!.eventsProcessed / (durationMs / 1000) : 0,
        position: build!.checkpoint ? `${build!.checkpoint.commit}-${build!.checkpoint.prepare}` : null,
      });
    }
    view?.finish(outcome.results.reduce((n, r) => n + r.eventsProcessed, 0));
    return outcome;
  } finally {
    signal?.removeEventListener('abort', stopProjector);
    view?.stop();
    await projector.stop();
  }
}

/** Handled events in the Postgres log now; events appended during the rebuild raise the total as they arrive. */
export async function countHandledEvents(pool: pg.Pool, projection: Projection): Promise<number> {
  const { rows } = await pool.query(`SELECT count(*)::text AS n FROM events WHERE event_type = ANY($1)`, [
    [...projection.handles],
  ]);
  return Number(rows[0].n);
}

async function createdSince(pool: pg.Pool, name: string, lastBuildId: number): Promise<ProjectionBuild | undefined> {
  return (await findBuilds(pool, 'name = $1 AND build_id > $2', [name, lastBuildId]))[0];
}
