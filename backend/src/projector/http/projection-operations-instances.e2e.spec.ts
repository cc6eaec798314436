/**
 * Two server instances (two Nest apps in this process) on one PostgreSQL, as behind a load
 * balancer: the admin console starts a rebuild on one and polls the other. Operations are kept in
 * the database: the second instance lists the operation and reports its progress and completion,
 * and refuses (409) a second start while it runs on the first; an operation whose process died
 * reads as failed, with the reason, and does not block the next start. Collection jobs (in the
 * event log and the analytics_jobs read table) are shared the same way: a job requested on one
 * instance is listed by the other's GET /api/analytics/jobs.
 *
 * To see the rebuild running for as long as the test needs, whatever the machine's speed, the test
 * holds an exclusive lock on the event log: the rebuild waits at its first read of the log (it
 * counts the events to process), recorded as running, until the test lets it go.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { startSystem, type RunningSystem } from '../../app/start-system.js';
import { loadOrCreateLocalAuthKeys } from '../../auth/local-auth-keys.js';
import { issueLocalToken } from '../../auth/local-token-issuer.js';
import { loadConfig } from '../../config/app-config.js';
import { silentLogger } from '../../logging/logger.js';
import { closeIfOpened, dropIfCreated } from '../../testing/clean-up.js';
import { projectionsCaughtUp } from '../../testing/projections-caught-up.js';
import { problemDetail, readJson } from '../../testing/read-json.js';
import { createTestDatabase, type TestDatabase } from '../../testing/test-database.js';
import { waitFor } from '../../testing/wait-for.js';
import { buildsWhere } from '../../testing/builds-where.js';
import { OPERATION_LEASE } from './projection-operations.js';
import type { ProjectionOperationDto } from './projection-operations.controller.js';
import type { JobsResponse } from '../../analytics/get-jobs/get-jobs.response.js';
import type { JobAcceptedResponse } from '../../collection/http/job-accepted.response.js';

const ADMIN_KEY = 'admin-key-for-the-two-instances-test';

type Operation = ProjectionOperationDto;

describe('projection operations and jobs on two instances of one database', () => {
  let db: TestDatabase;
  let dataDir: string;
  let first: RunningSystem;
  let second: RunningSystem;
  /** The connection holding the event log's lock, while a test holds it. */
  let locker: pg.PoolClient | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataDir = await mkdtemp(path.join(tmpdir(), 'creatorsync-two-instances-'));
    await chmod(dataDir, 0o755);
    const env = {
      PORT: '0',
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      ADMIN_KEY,
      DEMO_HISTORY_DAYS: '1',
      LIVE_POLL_MINUTES: '0',
      COLLECTION_JITTER_MS: '0',
    };
    // One set of local sign-in keys for both, made before they start.
    await loadOrCreateLocalAuthKeys(dataDir);
    first = await startSystem(loadConfig(env), { logger: silentLogger, projectorIntervalMs: 250 });
    second = await startSystem(loadConfig(env), { logger: silentLogger, projectorIntervalMs: 250, recordDemo: false });
    await first.demoReady;
    await projectionsCaughtUp(first.url);
    await projectionsCaughtUp(second.url);
  });

  // A test that failed while holding the log's lock lets it go for the next.
  afterEach(async () => {
    const held = locker;
    locker = undefined;
    if (!held) return;
    await held.query('ROLLBACK').catch(() => undefined);
    held.release();
  });

  afterAll(async () => {
    await closeIfOpened(second);
    await closeIfOpened(first);
    await dropIfCreated(db);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const call = (system: RunningSystem, method: string, path: string) =>
    fetch(`${system.url}/api/admin/projections${path}`, { method, headers: { 'x-admin-key': ADMIN_KEY } });
  const operation = async (system: RunningSystem, id: string) => {
    const response = await call(system, 'GET', `/operations/${id}`);
    expect(response.status).toBe(200);
    return readJson<Operation>(response);
  };
  const ended = async (system: RunningSystem, id: string): Promise<Operation> => {
    let last: Operation | undefined;
    await waitFor(async () => {
      last = await operation(system, id);
      return last.status !== 'running';
    }, `operation ${id} to end`);
    if (!last) throw new Error('no answer');
    return last;
  };
  const listed = async (system: RunningSystem) =>
    (await readJson<{ operations: Operation[] }>(await call(system, 'GET', '/operations'))).operations;
  const activeBuild = async (name: string) => (await buildsWhere(db.pool, 'name = $1 AND active', [name]))[0];

  const lockTheLog = async () => {
    locker = await db.pool.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE events IN ACCESS EXCLUSIVE MODE');
  };
  const unlockTheLog = async () => {
    const held = locker;
    locker = undefined;
    if (!held) return;
    await held.query('COMMIT');
    held.release();
  };

  it('a rebuild started on one instance is listed, followed to its end and refused again (409) on the other', async () => {
    const before = await activeBuild('channel-analytics');
    await lockTheLog();
    const response = await call(first, 'POST', '/channel-analytics/rebuild');
    expect(response.status).toBe(202);
    const started = await readJson<Operation>(response);
    expect(started).toMatchObject({ kind: 'rebuild', projection: 'channel-analytics', status: 'running' });

    // Running on the first instance (waiting for the log), seen as running from the second.
    expect(await operation(second, started.id)).toMatchObject({
      id: started.id,
      kind: 'rebuild',
      projection: 'channel-analytics',
      status: 'running',
      finishedAt: null,
      error: null,
    });
    expect((await listed(second)).map((o) => o.id)).toContain(started.id);
    // A second start anywhere while it runs: 409, naming the running one.
    for (const [system, path] of [
      [second, '/channel-analytics/rebuild'],
      [second, '/replay'],
      [first, '/channel-analytics/rebuild'],
    ] as const) {
      const refused = await call(system, 'POST', path);
      expect(refused.status).toBe(409);
      expect(await problemDetail(refused)).toContain('a rebuild (channel-analytics) is running');
    }

    await unlockTheLog();
    const done = await ended(second, started.id);
    expect(done).toMatchObject({ status: 'completed', error: null });
    const after = await activeBuild('channel-analytics');
    expect(after?.buildId).toBeGreaterThan(before?.buildId ?? 0);
    // The progress the second instance reports is the first one's count: the new build's events.
    expect(done.eventsProcessed).toBeGreaterThan(0);
    expect(done.eventsProcessed).toBe(after?.eventsProcessed);
    expect(done.total).toBe(done.eventsProcessed);
    expect(done.finishedAt).not.toBeNull();
    expect(await operation(first, started.id)).toEqual(done);

    // Ended, it no longer blocks: the second instance runs the next one, the first follows it.
    const next = await call(second, 'POST', '/channel-analytics/rebuild');
    expect(next.status).toBe(202);
    const nextDone = await ended(first, (await readJson<Operation>(next)).id);
    expect(nextDone).toMatchObject({ status: 'completed', error: null });
    expect((await activeBuild('channel-analytics'))?.buildId).toBeGreaterThan(after?.buildId ?? 0);
    expect((await listed(first)).slice(0, 2).map((o) => o.id)).toEqual([nextDone.id, started.id]);
  });

  it('an operation whose process died reads as failed with the reason, and does not block the next start', async () => {
    const dead = 'gone-host:4242:deadbeef';
    await db.pool.query(
      `INSERT INTO projection_operations (id, kind, projection, status, events_processed, total, holder, started_at, heartbeat_at)
       VALUES ('rebuild-of-a-dead-process', 'rebuild', 'channel-analytics', 'running', 17, 40, $1,
               now() - interval '10 minutes', now() - interval '9 minutes')`,
      [dead],
    );
    await db.pool.query(`INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, now() - interval '8 minutes')`, [
      OPERATION_LEASE,
      dead,
    ]);
    const abandoned = await operation(second, 'rebuild-of-a-dead-process');
    expect(abandoned).toMatchObject({ status: 'failed', eventsProcessed: 17, total: 40 });
    expect(abandoned.error).toContain(`abandoned: the server process running it (${dead}) stopped reporting`);
    expect(abandoned.finishedAt).not.toBeNull();

    const response = await call(first, 'POST', '/replay');
    expect(response.status).toBe(202);
    const done = await ended(second, (await readJson<Operation>(response)).id);
    expect(done).toMatchObject({ kind: 'replay', projection: null, status: 'completed', error: null });
    // Recorded as failed for good by the start that took over.
    const { rows } = await db.pool.query<{ status: string }>(
      `SELECT status FROM projection_operations WHERE id = 'rebuild-of-a-dead-process'`,
    );
    expect(rows).toEqual([{ status: 'failed' }]);
  });

  it('a collection job requested on one instance is listed with its outcome by the other (GET /api/analytics/jobs)', async () => {
    const keys = await loadOrCreateLocalAuthKeys(dataDir);
    const token = (await issueLocalToken(keys, 'demo')).token;
    const requested = await fetch(`${first.url}/api/analytics/trigger`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(requested.status).toBe(202);
    const { jobId } = await readJson<JobAcceptedResponse>(requested);
    let status: string | undefined;
    await waitFor(async () => {
      const response = await fetch(`${second.url}/api/analytics/jobs?job=${encodeURIComponent(jobId)}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(200);
      const { jobs } = await readJson<JobsResponse>(response);
      status = jobs.find((j) => j.jobId === jobId)?.status;
      return status === 'completed';
    }, `job ${jobId} to read as completed on the second instance`);
    expect(status).toBe('completed');
  });
});
