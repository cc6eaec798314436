/**
 * `npm start -- --role api` and `npm start -- --role projector` as real processes on one database:
 * the API process runs no projector, the projector process serves no HTTP and keeps the read
 * tables current. The projector is stopped and started again (as after a deploy of new projection
 * code) while clients keep asking the API: not one request fails, status says "not followed" while
 * no process follows the builds, and the restarted projector catches up with what was collected
 * meanwhile.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadOrCreateLocalAuthKeys } from '../auth/local-auth-keys.js';
import { issueLocalToken } from '../auth/local-token-issuer.js';
import { projectionsCaughtUp } from '../testing/projections-caught-up.js';
import { hammer } from '../testing/request-hammer.js';
import { spawnServer, type SpawnedServer } from '../testing/spawned-server.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { waitFor } from '../testing/wait-for.js';
import { objectContaining } from '../testing/matchers.js';
import { dropIfCreated } from '../testing/clean-up.js';

interface Health {
  projections: Array<{ name: string; state: string; lagEvents: number }>;
}

describe('process roles: api and projector', () => {
  let db: TestDatabase;
  let dataDir: string;
  const started: SpawnedServer[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataDir = await mkdtemp(path.join(tmpdir(), 'creatorsync-roles-'));
    await chmod(dataDir, 0o755);
    env = {
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      PORT: '0',
      DEMO_HISTORY_DAYS: '1',
      LIVE_POLL_MINUTES: '0',
      COLLECTION_COOLDOWN_SECONDS: '0',
      RATE_LIMIT_PER_MINUTE: '0',
    };
  });
  afterAll(async () => {
    for (const server of started.splice(0)) await server.stop();
    await dropIfCreated(db);
    await rm(dataDir, { recursive: true, force: true });
  });

  const start = async (role: 'api' | 'projector') => {
    const server = await spawnServer(env, ['--role', role]);
    started.push(server);
    return server;
  };
  const stop = async (server: SpawnedServer) => {
    started.splice(started.indexOf(server), 1);
    return server.stop();
  };
  const processes = async () =>
    (await db.pool.query<{ kind: string; pid: number }>(`SELECT kind, pid FROM projector_processes ORDER BY pid`)).rows;

  it('the projector restarts while the API answers every request', async () => {
    const api = await start('api');
    const url = api.url ?? '';
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    let projector = await start('projector');
    expect(projector.url).toBeUndefined();
    expect(projector.output()).toContain('serves no HTTP');
    // Only the projector process runs projections; the API process has no projector.
    expect(await processes()).toEqual([{ kind: 'projector', pid: projector.pid }]);

    const keys = await loadOrCreateLocalAuthKeys(dataDir);
    const { token } = await issueLocalToken(keys, 'demo');
    await waitFor(async () => {
      const response = await fetch(`${url}/api/analytics/demo-history`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (response.status !== 200) return false;
      const progress = (await response.json()) as { recording: boolean; day: number };
      return !progress.recording && progress.day === 1;
    }, 'the demo history to be recorded and projected');
    await projectionsCaughtUp(url);

    const clients = hammer(
      url,
      [
        '/api/analytics/overview',
        '/api/analytics/charts?days=7',
        '/api/analytics/metrics/channel-analytics/channel_analytics',
        '/health',
      ],
      { token, clients: 3, pauseMs: 20 },
    );
    try {
      expect(await stop(projector)).toBe(0);
      const answeredBefore = clients.requests;
      expect(await processes()).toEqual([]);
      // Truthful status: nothing follows the builds now.
      const health = (await (await fetch(`${url}/api/analytics/health`)).json()) as Health;
      expect(health.projections.map((p) => p.state)).toEqual(health.projections.map(() => 'not followed'));

      // Collection goes on in the API process meanwhile.
      const accepted = await fetch(`${url}/api/analytics/refresh`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(accepted.status).toBe(202);
      const { jobId } = (await accepted.json()) as { jobId: string };
      await waitFor(
        async () =>
          (
            await db.pool.query(
              `SELECT 1 FROM events WHERE stream_id = $1 AND event_type IN ('CollectionJobCompleted', 'CollectionJobFailed')`,
              [`collection-job-${jobId}`],
            )
          ).rowCount === 1,
        'the refresh to be recorded while no projector runs',
      );
      await waitFor(
        () => Promise.resolve(clients.requests > answeredBefore + 20),
        'requests answered while no projector runs',
      );

      projector = await start('projector');
      await projectionsCaughtUp(url);
      const jobs = (await (
        await fetch(`${url}/api/analytics/jobs?job=${jobId}`, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as { jobs: Array<{ jobId: string; status: string }> };
      expect(jobs.jobs).toEqual([objectContaining({ jobId, status: 'completed' })]);
      expect(await processes()).toEqual([{ kind: 'projector', pid: projector.pid }]);
    } finally {
      const result = await clients.stop();
      expect(result.failures).toEqual([]);
      expect(result.requests).toBeGreaterThan(40);
    }
    expect(await stop(projector)).toBe(0);
    expect(await stop(api)).toBe(0);
  });

  it('an unknown role is refused with the roles it takes', async () => {
    const refused = await spawnServer(env, ['--role', 'worker']).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(Error);
    expect((refused as Error).message).toMatch(
      /exited with 2 before it was up:\n--role: expected one of all, api, projector, got "worker"/,
    );
  });
});
