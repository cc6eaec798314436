/**
 * The two measurements of the rebuild benchmark: reading the whole log through the event-store
 * port the way the projector reads it (subscribeToAll in pages), and rebuilding every projection
 * with the real Projector, all at once.
 */
import { allProjections } from '@creatorsync/projections';
import cliProgress from 'cli-progress';
import type pg from 'pg';
import type { EventStore } from '../event-store/event-store.port.js';
import { silentLogger } from '../logging/logger.js';
import { Projector } from '../projector/projector.js';

export interface RawReadResult {
  events: number;
  ms: number;
}

function progressBar(label: string, total: number) {
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% | {value}/{total} events | {duration}s`, stream: process.stderr, barsize: 30, hideCursor: true, noTTYOutput: true, notTTYSchedule: 5000 },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return bar;
}

/** Reads $all from the start until the subscription says it has caught up; no filter, every event. */
export async function measureRawRead(eventStore: EventStore, total: number, batchSize: number): Promise<RawReadResult> {
  const bar = progressBar('raw read     ', total);
  const started = performance.now();
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
  return { events, ms: performance.now() - started };
}

export interface ProjectionTiming {
  name: string;
  handles: readonly string[];
  events: number;
  ms: number;
}

export interface RebuildResult {
  ms: number;
  projections: ProjectionTiming[];
}

/**
 * Rebuilds all projections at once, as `projections replay` or a first start does: one catch-up
 * reading the log for all of them (Projector.rebuildAll). Each one's time runs until its build is
 * caught up and readers have switched to it (rebuildAll polls for that every 100 ms).
 */
export async function measureRebuild(pool: pg.Pool, eventStore: EventStore, batchSize: number, handledTotal: number): Promise<RebuildResult> {
  const projector = new Projector({ pool, eventStore, projections: allProjections, logger: silentLogger, batchSize });
  const processed = new Map<string, number>();
  const switchedAt = new Map<string, number>();
  const bar = progressBar('rebuild (all)', handledTotal);
  const started = performance.now();
  try {
    const outcomes = await projector.rebuildAll(
      allProjections.map((p) => p.name),
      (name, progress) => {
        processed.set(name, progress.eventsProcessed);
        if (progress.caughtUp && !switchedAt.has(name)) switchedAt.set(name, performance.now() - started);
        bar.update([...processed.values()].reduce((a, b) => a + b, 0));
      },
    );
    const ms = performance.now() - started;
    const failed = outcomes.filter((o) => o.error);
    if (failed.length > 0) throw new Error(`rebuild failed: ${failed.map((o) => o.error!.message).join('; ')}`);
    const projections = outcomes.map(({ name, build }): ProjectionTiming => {
      const projection = allProjections.find((p) => p.name === name)!;
      return { name, handles: projection.handles, events: build!.eventsProcessed, ms: switchedAt.get(name) ?? ms };
    });
    return { ms, projections };
  } finally {
    bar.stop();
    await projector.stop();
  }
}

/** How many events of the log each projection handles (its share of the rebuild's work). */
export async function countByType(pool: pg.Pool): Promise<Map<string, number>> {
  const { rows } = await pool.query<{ event_type: string; n: string }>('SELECT event_type, count(*)::text AS n FROM events GROUP BY event_type');
  return new Map(rows.map((r) => [r.event_type, Number(r.n)]));
}
