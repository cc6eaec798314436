/**
 * `projections rebuild <name>` and `projections replay`: a new build of a projection replays the
 * whole log into fresh tables while the current build keeps serving; readers switch when it has
 * caught up (the Projector's blue/green). The CLI's own Projector runs only that build, and is
 * stopped once readers have switched: from then on a running server's reconcile loop follows the
 * new build live (the build's advisory lock passes to it), or the next server start does — if it has
 * this code. A server with other code (an older version, or no such projection yet) does not: the
 * rebuild warns, and with `follow` keeps following the build live until a server with this code
 * runs (then hands over to it) or it is interrupted.
 */
import type { Projection } from '@creatorsync/projections';
import type pg from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  findActiveBuilds,
  findBuild,
  findBuildAfter,
  findBuildsOf,
  type ProjectionBuild,
} from '../projector/projection-builds.js';
import type { RunnerProgress } from '../projector/projection-runner.js';
import { ProjectionFailedError, Projector, UnknownProjectionError } from '../projector/projector.js';
import type { ProjectionsContext } from './projections-context.js';
import { followBuild } from './projections-follow-build.js';
import type { ProgressFactory } from './projections-progress.js';
import { codeFingerprint } from '../projector/code-fingerprint.js';
import { livingProcesses, type LivingProcess } from '../projector/projector-presence.js';
import { must } from '../must.js';

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
  /** Running servers whose code for this projection is other than this (they will not follow the build). */
  warnings: string[];
  /** With `follow`: who follows the build now that this command has stopped. */
  handedOverTo?: string;
}

export interface RebuildOptions {
  progress?: ProgressFactory;
  /** Aborting stops the rebuild; the new build stays 'building' and a later projector run resumes it. */
  signal?: AbortSignal;
  batchSize?: number;
  /**
   * After readers switched, keep following the log live until a running server has this code for
   * the projection (it takes over), or until `signal` aborts. Resolves then.
   */
  follow?: boolean;
  followPollMs?: number;
  /** Told once the build has switched and is being followed here. */
  onFollowing?: (build: ProjectionBuild, warnings: string[]) => void;
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
  const before = await findBuildsOf(pool, name);
  const previousBuildId = before.find((b) => b.active)?.buildId ?? null;
  const lastBuildId = Math.max(0, ...before.map((b) => b.buildId));
  const warnings = serversWithOtherCode(await livingProcesses(pool), projection).map(
    (p) =>
      `the ${p.kind} ${p.pid} on ${p.host} ${describeCode(p, projection.name)}, not version ${projection.version} (fingerprint ${codeFingerprint(projection)}): it will not follow the new build${options.follow ? '' : '; pass --follow to keep following it from here, or restart the server with this code'}`,
  );
  for (const warning of warnings) logger.info({ projection: name }, warning);
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
    kind: 'cli',
  });
  // The stop is kept: an interruption is reported only once the batch in flight has committed (or not).
  let stopping: Promise<void> | undefined;
  const stopProjector = () => void (stopping ??= projector.stop());
  signal?.addEventListener('abort', stopProjector, { once: true });
  try {
    let build: ProjectionBuild;
    let handedOverTo: string | undefined;
    let last: RunnerProgress | undefined;
    const onProgress = (progress: RunnerProgress) => {
      last = progress;
      view?.update(progress);
    };
    // After Ctrl-C the database may be gone (an embedded PostgreSQL stops too): then the last progress tells.
    // The runners commit what they applied as they stop: read the build once they have.
    const interrupted = async () => (
      await projector.stop().catch(() => undefined),
      new RebuildInterruptedError(
        name,
        (await createdSince(pool, name, lastBuildId).catch(() => undefined)) ?? last,
        previousBuildId !== null,
      )
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
      build = await followBuild(pool, ours.buildId, { signal, onProgress }).catch(async (followError: unknown) => {
        throw signal?.aborted ? await interrupted() : followError;
      });
    }
    const durationMs = performance.now() - startedAt;
    view?.finish(build.eventsProcessed);
    view?.stop();
    if (options.follow) {
      options.onFollowing?.(build, warnings);
      handedOverTo = await followUntilServerTakesOver(pool, projection, options);
      build = (await findBuild(pool, build.buildId)) ?? build;
    }
    return {
      name,
      version: build.version,
      buildId: build.buildId,
      previousBuildId,
      eventsProcessed: build.eventsProcessed,
      durationMs,
      eventsPerSecond: durationMs > 0 ? build.eventsProcessed / (durationMs / 1000) : 0,
      position: build.checkpoint ? `${build.checkpoint.commit}-${build.checkpoint.prepare}` : null,
      warnings,
      handedOverTo,
    };
  } finally {
    signal?.removeEventListener('abort', stopProjector);
    view?.stop();
    await (stopping ?? projector.stop());
  }
}

/** Long-running projector processes (servers, --role projector), not other CLIs. */
const isServing = (process: LivingProcess) => process.kind !== 'cli';

/** Servers (and projector processes) whose code for the projection is not this code (another version or fingerprint, or none). */
export function serversWithOtherCode(processes: readonly LivingProcess[], projection: Projection): LivingProcess[] {
  return processes.filter((p) => isServing(p) && !hasCode(p, projection));
}

function hasCode(process: LivingProcess, projection: Projection): boolean {
  return process.code.some(
    (c) =>
      c.name === projection.name && c.version === projection.version && c.fingerprint === codeFingerprint(projection),
  );
}

function describeCode(process: LivingProcess, name: string): string {
  const code = process.code.find((c) => c.name === name);
  return code
    ? `runs version ${code.version} (fingerprint ${code.fingerprint}) of ${name}`
    : `has no projection ${name}`;
}

/**
 * Waits while this process's runner follows the build, until a living server has this code (it
 * takes the build over at its next reconcile, once this process lets go) or `signal` aborts.
 * Returns who took over, or undefined when interrupted.
 */
async function followUntilServerTakesOver(
  pool: pg.Pool,
  projection: Projection,
  options: RebuildOptions,
): Promise<string | undefined> {
  const pollMs = options.followPollMs ?? 1000;
  for (;;) {
    if (options.signal?.aborted) return undefined;
    const server = (await livingProcesses(pool)).find((p) => isServing(p) && hasCode(p, projection));
    if (server) return `${server.kind} ${server.pid} on ${server.host}`;
    // timers/promises removes its abort listener once the wait ends: a follow of hours adds none.
    await sleep(pollMs, undefined, { signal: options.signal }).catch(() => undefined);
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
  const before = await findActiveBuilds(pool);
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
    kind: 'cli',
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
      const done = must(build, 'build');
      const durationMs = switchedAt.get(name) ?? performance.now() - startedAt;
      outcome.results.push({
        name,
        version: done.version,
        buildId: done.buildId,
        previousBuildId: before.find((b) => b.name === name)?.buildId ?? null,
        eventsProcessed: done.eventsProcessed,
        durationMs,
        eventsPerSecond: durationMs > 0 ? done.eventsProcessed / (durationMs / 1000) : 0,
        position: done.checkpoint ? `${done.checkpoint.commit}-${done.checkpoint.prepare}` : null,
        warnings: [],
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
  const { rows } = await pool.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM events WHERE event_type = ANY($1)`,
    [[...projection.handles]],
  );
  return Number(must(rows[0], 'the count row').n);
}

async function createdSince(pool: pg.Pool, name: string, lastBuildId: number): Promise<ProjectionBuild | undefined> {
  return findBuildAfter(pool, name, lastBuildId);
}
