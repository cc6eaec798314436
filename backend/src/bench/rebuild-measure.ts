/**
 * The two measurements of the rebuild benchmark: reading the whole log through the event-store
 * port the way the projector reads it (subscribeToAll in pages), and rebuilding every projection
 * with the real Projector, all at once.
 */
import { allProjections, type CatalogueEvent } from '@creatorsync/projections';
import cliProgress from 'cli-progress';
import type pg from 'pg';
import type { EventStore } from '../event-store/event-store.port.js';
import pino from 'pino';
import { createLogger, silentLogger } from '../logging/logger.js';
import type { RunnerProgress } from '../projector/projection-runner.js';
import { Projector } from '../projector/projector.js';
import type { ParallelReplayConfig } from '../projector/partitioned/partitioned-replay.js';
import { decodeRecorded, type DecodeOutcome } from '../projector/build-applier.js';
import { WorkingSet } from '../projector/working-set.js';
import { must } from '../must.js';

export interface RawReadResult {
  events: number;
  ms: number;
  /** CPU time of this Node process meanwhile (user + system, all its threads): steadier than wall time on a shared machine. */
  cpuMs: number;
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function progressBar(label: string, total: number) {
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} events | {duration}s`,
      stream: process.stderr,
      barsize: 30,
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 5000,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return bar;
}

/** Reads $all from the start until the subscription says it has caught up; no filter, every event. */
export async function measureRawRead(eventStore: EventStore, total: number, batchSize: number): Promise<RawReadResult> {
  const bar = progressBar('raw read     ', total);
  const started = performance.now();
  const cpu = process.cpuUsage();
  let events = 0;
  const subscription = eventStore.subscribeToAll({ fromPosition: 'start', maxBatchSize: batchSize });
  try {
    for await (const batch of subscription) {
      events += batch.events.length;
      bar.update(events);
      if (batch.caughtUp) break;
    }
  } finally {
    await subscription.close();
    bar.stop();
  }
  return { events, ms: performance.now() - started, cpuMs: cpuMsSince(cpu) };
}

export interface ProjectionTiming {
  name: string;
  handles: readonly string[];
  events: number;
  ms: number;
}

export interface RebuildResult {
  ms: number;
  cpuMs: number;
  projections: ProjectionTiming[];
}

/**
 * Rebuilds all projections at once, as `projections replay` or a first start does: one catch-up
 * reading the log for all of them (Projector.rebuildAll). Each one's time runs until its build is
 * caught up and readers have switched to it (rebuildAll polls for that every 100 ms).
 */
export async function measureRebuild(
  pool: pg.Pool,
  eventStore: EventStore,
  options: { batchSize: number; handledTotal: number; parallelReplay: ParallelReplayConfig | undefined },
): Promise<RebuildResult> {
  const { batchSize, handledTotal, parallelReplay } = options;
  // BENCH_LOG_LEVEL=debug shows the replay's steps on stderr (for development).
  const logger = process.env.BENCH_LOG_LEVEL
    ? createLogger(process.env.BENCH_LOG_LEVEL, pino.destination({ fd: 2, sync: true }))
    : silentLogger;
  const projector = new Projector({ pool, eventStore, projections: allProjections, logger, batchSize, parallelReplay });
  const processed = new Map<string, number>();
  const switchedAt = new Map<string, number>();
  const bar = progressBar('rebuild (all)', handledTotal);
  const started = performance.now();
  const cpu = process.cpuUsage();
  try {
    const onProgress = (name: string, progress: RunnerProgress) => {
      processed.set(name, progress.eventsProcessed);
      if (progress.caughtUp && !switchedAt.has(name)) switchedAt.set(name, performance.now() - started);
      bar.update([...processed.values()].reduce((a, b) => a + b, 0));
    };
    const outcomes = await projector.rebuildAll(
      allProjections.map((p) => p.name),
      onProgress,
    );
    const ms = performance.now() - started;
    const cpuMs = cpuMsSince(cpu);
    const failed = outcomes.filter((o) => o.error);
    if (failed.length > 0)
      throw new Error(`rebuild failed: ${failed.map((o) => must(o.error, 'o.error').message).join('; ')}`);
    const projections = outcomes.map(({ name, build }): ProjectionTiming => {
      const projection = must(
        allProjections.find((p) => p.name === name),
        'allProjections.find((p) => p.name === name)',
      );
      return {
        name,
        handles: projection.handles,
        events: must(build, 'build').eventsProcessed,
        ms: switchedAt.get(name) ?? ms,
      };
    });
    return { ms, cpuMs, projections };
  } finally {
    bar.stop();
    await projector.stop();
  }
}

export interface Breakdown {
  events: number;
  /** Reading the whole log through the port (pages, parsing), what is left when decode and apply are taken out. */
  readMs: number;
  decodeMs: number;
  applyMs: Map<string, number>;
}

/**
 * Where the CPU time of a rebuild goes, in one extra pass: the log read as the rebuild reads it,
 * each event decoded once (upcast + validate), and applied to every projection that handles it in
 * memory (a WorkingSet per projection, as in catch-up), timing each step; nothing is written.
 */
export async function measureBreakdown(eventStore: EventStore, batchSize: number, total: number): Promise<Breakdown> {
  const bar = progressBar('breakdown    ', total);
  const sets = allProjections.map((p) => ({
    projection: p,
    handles: new Set<string>(p.handles),
    rows: new WorkingSet(p.tables, { complete: true }),
  }));
  const applyMs = new Map(allProjections.map((p) => [p.name, 0]));
  let decodeMs = 0;
  let events = 0;
  const started = performance.now();
  const subscription = eventStore.subscribeToAll({ fromPosition: 'start', maxBatchSize: batchSize });
  try {
    for await (const batch of subscription) {
      let t = performance.now();
      const outcomes: DecodeOutcome[] = batch.events.map(decodeRecorded);
      for (const outcome of outcomes) if ('error' in outcome) throw outcome.error;
      decodeMs += performance.now() - t;
      for (const { projection, handles, rows } of sets) {
        t = performance.now();
        for (let i = 0; i < batch.events.length; i++) {
          if (!handles.has(must(batch.events[i], 'batch.events[i]').type)) continue;
          rows.beginEvent();
          projection.apply(outcomes[i] as CatalogueEvent, rows);
        }
        rows.takeChanges();
        applyMs.set(
          projection.name,
          must(applyMs.get(projection.name), 'applyMs.get(projection.name)') + performance.now() - t,
        );
      }
      events += batch.events.length;
      bar.update(events);
      if (batch.caughtUp) break;
    }
  } finally {
    await subscription.close();
    bar.stop();
  }
  const totalMs = performance.now() - started;
  const appliedMs = [...applyMs.values()].reduce((a, b) => a + b, 0);
  return { events, readMs: totalMs - decodeMs - appliedMs, decodeMs, applyMs };
}

/** How many events of the log each projection handles (its share of the rebuild's work). */
export async function countByType(pool: pg.Pool): Promise<Map<string, number>> {
  const { rows } = await pool.query<{ event_type: string; n: string }>(
    'SELECT event_type, count(*)::text AS n FROM events GROUP BY event_type',
  );
  return new Map(rows.map((r) => [r.event_type, Number(r.n)]));
}
