/**
 * Database outages under load (issue 14): every projection follows a log that keeps growing while
 * the projector's connections are killed again and again, and PostgreSQL itself is SIGKILLed and
 * started again, twice. Afterwards every read table is exactly what a fresh rebuild from the log
 * makes: no event counted twice, none missed. Runs on its own PostgreSQL server (the run's shared
 * one must not be killed under the other test files).
 */
import { allProjections } from '@creatorsync/projections';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createPool } from '../database/create-pool.js';
import { startEmbeddedPostgres, type RunningEmbeddedPostgres } from '../database/embedded-postgres.js';
import { runMigrations } from '../database/run-migrations.js';
import { createEventStore } from '../event-store/create-event-store.js';
import type { EventStore } from '../event-store/event-store.port.js';
import { createLogger } from '../logging/logger.js';
import { waitFor } from '../testing/wait-for.js';
import { must } from '../must.js';
import { appendLog, generateDeterminismLog } from './determinism-event-log.js';
import { buildsWhere } from '../testing/builds-where.js';
import { projectionStatuses } from './projection-status.js';
import { Projector } from './projector.js';

const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
const APPLICATION = 'projector-under-outage';

describe('the projector through killed connections and PostgreSQL restarts', () => {
  let dataDir: string;
  let server: RunningEmbeddedPostgres;
  let url: string;
  /** The writer's pool (the test's too), and the projector's, named so the test can kill exactly its connections. */
  let pool: pg.Pool;
  let projectorPool: pg.Pool;
  let store: EventStore;
  let projectorStore: EventStore;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'creatorsync-projector-outage-'));
    await chmod(dataDir, 0o755); // PostgreSQL runs as the postgres user when the tests run as root
    server = await startEmbeddedPostgres(dataDir, undefined, ['fsync=off', 'full_page_writes=off']);
    const admin = new pg.Client({ connectionString: server.adminUrl });
    await admin.connect();
    await admin.query('CREATE DATABASE outage');
    await admin.end();
    url = server.urlFor('outage');
    await runMigrations(url);
    pool = createPool(url, { max: 5 });
    store = createEventStore({ pool, databaseUrl: url });
    const projectorUrl = `${url}?application_name=${APPLICATION}`;
    projectorPool = createPool(projectorUrl, { max: 10 });
    projectorStore = createEventStore({ pool: projectorPool, databaseUrl: projectorUrl });
  });
  afterAll(async () => {
    await projectorStore.close();
    await projectorPool.end();
    await store.close();
    await pool.end();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** Waits until PostgreSQL answers again (a query on a fresh connection). */
  const reachable = () =>
    waitFor(
      async () => {
        const probe = new pg.Client({ connectionString: url });
        try {
          await probe.connect();
          await probe.query('SELECT 1');
          return true;
        } catch {
          return false;
        } finally {
          await probe.end().catch(() => undefined);
        }
      },
      'PostgreSQL to accept connections',
      { pollMs: 200 },
    );

  const restartPostgres = async () => {
    const pid = Number((await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    process.kill(pid, 'SIGKILL');
    // The postmaster is gone; its backends notice and exit, then the same cluster starts again.
    await waitFor(() => Promise.resolve(!isAlive(pid)), 'the postmaster to die', { pollMs: 100 });
    await waitFor(
      async () => {
        try {
          await server.start();
          return true;
        } catch {
          return false; // the old backends still hold the shared memory: try again
        }
      },
      'PostgreSQL to start again',
      { pollMs: 500 },
    );
    await reachable();
  };

  const killProjectorConnections = () =>
    pool.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`, [APPLICATION]);

  it('leaves every read table exactly as a fresh rebuild makes it', async () => {
    const log = generateDeterminismLog({ channels: 8, days: 14, seed: 14 });
    const first = Math.floor(log.length * 0.2);
    // The writer retries an append that met the outage (same event ids: the log records it once).
    const append = async (streamId: string, events: Parameters<EventStore['append']>[1]) => {
      for (;;) {
        try {
          return await store.append(streamId, events);
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
    };
    await appendLog(append, log.slice(0, first));

    // Small batches and frequent catch-up commits, so the faults fall between and inside commits.
    const projector = new Projector({
      pool: projectorPool,
      eventStore: projectorStore,
      projections: allProjections,
      logger,
      batchSize: 9,
      catchUpCommitEvery: { events: 40 },
      reconcileIntervalMs: 200,
    });
    await projector.start();
    const appending = appendLog(append, log.slice(first));
    for (let round = 0; round < 2; round++) {
      for (let kill = 0; kill < 4; kill++) {
        await new Promise((resolve) => setTimeout(resolve, 400));
        await killProjectorConnections();
      }
      await restartPostgres();
    }
    await appending;

    // Caught up: every active build has every event it handles.
    await waitFor(
      async () => {
        const statuses = (await projectionStatuses(pool, allProjections, { logInPostgres: true })).filter(
          (s) => s.active,
        );
        return (
          statuses.length === allProjections.length && statuses.every((s) => s.state === 'live' && s.lagEvents === 0)
        );
      },
      'every projection to catch up after the outages',
      { pollMs: 250 },
    );
    await projector.stop();
    const incremental = await buildsWhere(pool, 'active');

    const rebuilder = new Projector({ pool, eventStore: store, projections: allProjections, logger });
    try {
      const outcomes = await rebuilder.rebuildAll(allProjections.map((p) => p.name));
      expect(outcomes.filter((o) => o.error)).toEqual([]);
    } finally {
      await rebuilder.stop();
    }
    const rebuilt = await buildsWhere(pool, 'active');

    let compared = 0;
    for (const projection of allProjections) {
      const before = must(
        incremental.find((b) => b.name === projection.name),
        `${projection.name}'s build`,
      );
      const after = must(
        rebuilt.find((b) => b.name === projection.name),
        `${projection.name}'s rebuild`,
      );
      expect(after.buildId).not.toBe(before.buildId);
      expect({ name: projection.name, events: before.eventsProcessed }).toEqual({
        name: projection.name,
        events: after.eventsProcessed,
      });
      for (const table of projection.tables) {
        const order = table.primaryKey.map((k) => `"${k}"`).join(', ');
        const rowsOf = async (buildId: number) =>
          (
            await pool.query<Record<string, unknown>>(
              `SELECT * FROM read_model."${table.name}_b${buildId}" ORDER BY ${order}`,
            )
          ).rows;
        const a = await rowsOf(before.buildId);
        expect({ table: table.name, rows: await rowsOf(after.buildId) }).toEqual({ table: table.name, rows: a });
        compared += a.length;
      }
    }
    expect(compared).toBeGreaterThan(0);
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
