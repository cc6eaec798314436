/**
 * Every projection, through the real projector against the real Postgres event store: the rows
 * after incremental processing (many small live batches, database connections killed mid-way,
 * restarts with a cold working set) are exactly the rows of a full rebuild from the log, on a
 * realistic generated log. And an event with a malformed payload stops only the projections that
 * handle it, at that event, until a catalogue fix (an upcaster) lets them resume there.
 */
import {
  allProjections,
  bestTimes,
  eventCatalogue,
  channelStream,
  defineProjection,
  type Projection,
} from '@creatorsync/projections';
import type pg from 'pg';
import { createPool } from '../database/create-pool.js';
import { createEventStore } from '../event-store/create-event-store.js';
import type { EventStore } from '../event-store/event-store.port.js';
import { createLogger } from '../logging/logger.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { countOf, oneRow } from '../testing/sql-rows.js';
import { waitFor } from '../testing/wait-for.js';
import { appendLog, generateDeterminismLog } from './determinism-event-log.js';
import { buildsWhere } from '../testing/builds-where.js';
import { projectionStatuses } from './projection-status.js';
import { Projector } from './projector.js';
import type { ParallelReplayConfig } from './partitioned/partitioned-replay.js';
import { must } from '../must.js';
import { stopIfStarted } from '../testing/clean-up.js';

const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');

describe('projections are deterministic', () => {
  let db: TestDatabase;
  /** The writer's store (appends, on the test's pool) and the projector's (its own pool, named so a test can kill exactly its connections). */
  let store: EventStore;
  let projectorPool: pg.Pool;
  let projectorStore: EventStore;
  /** Replays split by channel, as the application runs them; their worker threads' connections are the projector's too. */
  let parallelReplay: ParallelReplayConfig;
  const started: Projector[] = [];
  const startProjector = async (
    batchSize: number,
    { projections = allProjections, reconcileIntervalMs = 100 } = {},
  ) => {
    const projector = new Projector({
      pool: projectorPool,
      eventStore: projectorStore,
      projections,
      logger,
      batchSize,
      reconcileIntervalMs,
      parallelReplay,
    });
    started.push(projector);
    await projector.start();
    return projector;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    store = createEventStore({ pool: db.pool, databaseUrl: db.url });
    const projectorUrl = `${db.url}?application_name=projector-under-test`;
    projectorPool = createPool(projectorUrl, { max: 10 });
    projectorStore = createEventStore({ pool: projectorPool, databaseUrl: projectorUrl });
    parallelReplay = {
      databaseUrl: projectorUrl,
      partitions: 2,
      logLevel: 'silent',
      workerProjections: allProjections,
    };
  });
  afterEach(async () => {
    for (const projector of started.splice(0)) await projector.stop();
  });
  afterAll(async () => {
    await projectorStore.close();
    await projectorPool.end();
    await store.close();
    await db.drop();
  });

  const caughtUp = async (projections: readonly Projection[]) =>
    waitFor(
      async () => {
        const names = new Set(projections.map((p) => p.name));
        const statuses = (await projectionStatuses(db.pool, projections, { logInPostgres: true })).filter(
          (s) => s.active && names.has(s.name),
        );
        return statuses.length === projections.length && statuses.every((s) => s.lagEvents === 0 && s.state === 'live');
      },
      'every projection to catch up',
      { timeoutMs: 240_000, pollMs: 200 },
    );

  const rowsOf = async (table: string, buildId: number, primaryKey: readonly string[]) =>
    (
      await db.pool.query<Record<string, unknown>>(
        `SELECT * FROM read_model."${table}_b${buildId}" ORDER BY ${primaryKey.map((k) => `"${k}"`).join(', ')}`,
      )
    ).rows;

  it('incremental processing with crashes and restarts gives exactly the rows of a full rebuild', async () => {
    const log = generateDeterminismLog();
    const append = (streamId: string, events: Parameters<EventStore['append']>[1]) => store.append(streamId, events);
    const first = Math.floor(log.length * 0.3);
    const second = Math.floor(log.length * 0.5);
    await appendLog(append, log.slice(0, first));

    // Live, in batches of a few events, while the log grows; connections killed mid-way. The
    // best-times metric is not deployed yet: it comes with the restart, as an analyst's new metric would.
    const projector = await startProjector(3, { projections: allProjections.filter((p) => p !== bestTimes) });
    const appending = appendLog(append, log.slice(first, second));
    // Crashes: every connection of the projector (row reads/writes, build locks, subscriptions) killed
    // again and again; a runner that loses its lock stops, and the next reconcile starts it again with a
    // cold working set.
    for (let round = 0; round < 5; round++) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await db.pool.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'projector-under-test'`,
      );
    }
    await appending;
    await projector.stop();
    expect(await buildsWhere(db.pool, `name = 'best-times'`)).toEqual([]);

    // Restarts: each time a new projector (cold working set) resumes from the checkpoints, still in
    // small batches, so rows written before are read back from the tables, not from memory.
    const rest = log.slice(second);
    const chunk = Math.ceil(rest.length / 12);
    for (let from = 0; from < rest.length; from += chunk) {
      await startProjector(7);
      await appendLog(append, rest.slice(from, from + chunk));
      await caughtUp(allProjections);
      for (const p of started.splice(0)) await p.stop();
    }
    const incremental = await buildsWhere(db.pool, 'active');

    // A full rebuild of each projection from the start of the log, in the default (large) batches
    // (split by channel for the projections that allow it).
    const rebuilder = new Projector({
      pool: projectorPool,
      eventStore: projectorStore,
      projections: allProjections,
      logger,
      parallelReplay,
    });
    started.push(rebuilder);
    for (const projection of allProjections) await rebuilder.rebuild(projection.name);
    const rebuilt = await buildsWhere(db.pool, 'active');

    for (const projection of allProjections) {
      const before = must(
        incremental.find((b) => b.name === projection.name),
        'incremental.find((b) => b.name === projection.name)',
      );
      const after = must(
        rebuilt.find((b) => b.name === projection.name),
        'rebuilt.find((b) => b.name === projection.name)',
      );
      expect(after.buildId).not.toBe(before.buildId);
      for (const table of projection.tables) {
        const a = await rowsOf(table.name, before.buildId, table.primaryKey);
        const b = await rowsOf(table.name, after.buildId, table.primaryKey);
        // The generated log holds no backfill yet, so the reconstructed tables stay empty (and must agree).
        if (projection.name !== 'reconstructed_history')
          expect({ table: table.name, rows: a.length > 0 }).toEqual({ table: table.name, rows: true });
        expect({ table: table.name, rows: b }).toEqual({ table: table.name, rows: a });
      }
    }

    // The rows say what the log says.
    const streams = new Set(
      log
        .filter((e) => e.event.type === 'LiveStreamSampled')
        .map((e) => (e.event.data as { stream: { id: string } }).stream.id),
    );
    const sessions = await db.pool.query(
      `SELECT count(*)::int AS n, count(ended_at)::int AS ended FROM stream_sessions`,
    );
    expect(sessions.rows[0]).toEqual({ n: streams.size, ended: streams.size });
    const jobs = await db.pool.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM analytics_jobs GROUP BY status ORDER BY status`,
    );
    expect(jobs.rows.map((r) => r.status)).toEqual(['completed', 'failed']);
    expect(
      await countOf(db.pool, `SELECT count(*)::int AS n FROM channel_analytics WHERE carried_forward`),
    ).toBeGreaterThan(0);
    // The metric added at the restart was filled from the whole history: its airtime is every stream's.
    expect(await countOf(db.pool, `SELECT count(DISTINCT time_zone)::int AS n FROM best_times_state`)).toBeGreaterThan(
      1,
    );
    const streamedHours = await oneRow<{ b: number | null; s: number | null }>(
      db.pool,
      `SELECT round(sum(hours_streamed)::numeric, 6)::float8 AS b, (SELECT round(sum(duration_hours)::numeric, 6)::float8 FROM stream_sessions) AS s FROM best_times`,
    );
    expect(streamedHours.b).toBe(streamedHours.s);
  });

  it('a malformed payload stops only the projections that take it, at that event, and they resume after a catalogue fix', async () => {
    await startProjector(50, { reconcileIntervalMs: 3_600_000 });
    await caughtUp(allProjections);
    const channel = '990001';
    const sample = (viewers: unknown, minute: number) => ({
      id: crypto.randomUUID(),
      type: 'LiveStreamSampled',
      data: {
        broadcasterId: channel,
        stream: {
          id: 's1',
          user_id: channel,
          viewer_count: viewers,
          started_at: '2026-06-01T20:00:00Z',
          game_id: '27471',
          game_name: 'Minecraft',
          title: 't',
        },
      },
      metadata: {
        correlationId: 'test',
        source: 'simulator',
        schemaVersion: 1,
        fetchedAt: new Date(Date.UTC(2026, 5, 1, 20, minute)).toISOString(),
      },
    });
    const followers = {
      id: crypto.randomUUID(),
      type: 'FollowerCountFetched',
      data: { broadcasterId: channel, total: 5, raw: { total: 5 } },
      metadata: { correlationId: 'test', source: 'simulator', schemaVersion: 1, fetchedAt: '2026-06-01T21:00:00.000Z' },
    };
    const bad = sample('1.2k', 20); // a viewer count as text: the schema refuses it
    await store.append(channelStream(channel), [sample(100, 10), bad, sample(300, 30), followers]);

    const takers = allProjections
      .filter((p) => p.handles.includes('LiveStreamSampled'))
      .map((p) => p.name)
      .sort();
    await waitFor(
      async () => (await buildsWhere(db.pool, `active AND state = 'failed'`)).length === takers.length,
      'the projections taking live samples to stop',
    );
    const failed = await buildsWhere(db.pool, `active AND state = 'failed'`);
    expect(failed.map((b) => b.name).sort()).toEqual(takers);
    for (const build of failed) {
      expect(build.failedEventId).toBe(bad.id);
      expect(build.error).toContain('malformed data');
      expect(build.error).toContain('viewer_count');
    }
    // The sample before it was applied, nothing after it; projections that do not take samples went on.
    const session = await db.pool.query(`SELECT samples, peak_viewers FROM stream_sessions WHERE channel_id = $1`, [
      channel,
    ]);
    expect(session.rows).toEqual([{ samples: 1, peak_viewers: 100 }]);
    await waitFor(
      async () =>
        (await projectionStatuses(db.pool, allProjections, { logInPostgres: true }))
          .filter((s) => s.active && !takers.includes(s.name))
          .every((s) => s.state === 'live' && s.lagEvents === 0),
      'the others to go on',
    );

    // The fix: LiveStreamSampled v2 with an upcaster that reads "1.2k" as 1200 — in the catalogue, the one place that upcasts.
    for (const p of started.splice(0)) await p.stop();
    const entry = eventCatalogue.LiveStreamSampled as {
      version: number;
      upcasters: Record<number, (data: unknown) => unknown>;
    };
    const original = { version: entry.version, upcasters: entry.upcasters };
    entry.version = 2;
    entry.upcasters = { 1: (data) => upcastViewerCount(data) };
    try {
      await startProjector(50, { reconcileIntervalMs: 3_600_000 });
      await caughtUp(allProjections);
      const resumed = await db.pool.query(`SELECT samples, peak_viewers FROM stream_sessions WHERE channel_id = $1`, [
        channel,
      ]);
      expect(resumed.rows).toEqual([{ samples: 3, peak_viewers: 1200 }]);
    } finally {
      for (const p of started.splice(0)) await p.stop();
      entry.version = original.version;
      entry.upcasters = original.upcasters;
    }
  });
});

describe('a failed projection waits for its fix', () => {
  let db: TestDatabase;
  let store: EventStore;
  let projector: Projector | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
    store = createEventStore({ pool: db.pool, databaseUrl: db.url });
    await db.pool.query(
      `CREATE TABLE projection_templates.picky_logins (channel_id text PRIMARY KEY, login text NOT NULL)`,
    );
  });
  afterAll(async () => {
    await stopIfStarted(projector);
    await store.close();
    await db.drop();
  });

  // A failed build is the current one until a fix: no reconcile may start another build of the same version.
  it('is not rebuilt over and over while it waits', async () => {
    const picky = defineProjection({
      name: 'picky-logins',
      version: 1,
      handles: ['ChannelProfileFetched'],
      tables: [{ name: 'picky_logins', primaryKey: ['channel_id'], columns: { channel_id: 'text', login: 'text' } }],
      rowsToLoad: () => [],
      apply(event, rows) {
        if (event.data.user.login === 'unparseable') throw new Error('cannot handle this login');
        rows.put('picky_logins', { channel_id: event.data.broadcasterId, login: event.data.user.login });
      },
    }) as Projection;
    projector = new Projector({
      pool: db.pool,
      eventStore: store,
      projections: [picky],
      logger,
      reconcileIntervalMs: 100,
    });
    await projector.start();
    await store.append(channelStream('1'), [
      {
        id: crypto.randomUUID(),
        type: 'ChannelProfileFetched',
        data: { broadcasterId: '1', user: { id: '1', login: 'unparseable', display_name: 'U' } },
        metadata: {
          correlationId: 'test',
          source: 'simulator',
          schemaVersion: 1,
          fetchedAt: '2026-06-01T00:00:00.000Z',
        },
      },
    ]);
    await waitFor(
      async () => (await buildsWhere(db.pool, `name = 'picky-logins' AND state = 'failed'`)).length > 0,
      'the projection to fail',
    );
    // Ten reconcile intervals.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await buildsWhere(db.pool, `name = 'picky-logins'`)).map((b) => b.state)).toEqual(['failed']);
  });
});

function upcastViewerCount(data: unknown): unknown {
  const d = data as { stream: { viewer_count: unknown } };
  const raw = d.stream.viewer_count;
  const viewers = typeof raw === 'string' ? Math.round(Number.parseFloat(raw) * (raw.endsWith('k') ? 1000 : 1)) : raw;
  return { ...d, stream: { ...d.stream, viewer_count: viewers } };
}
