/**
 * A new metric goes live on a running system with zero failed API requests (issue #17). A real
 * server process (`npm start`'s backend/dist/main.js) runs with the code it started with; clients
 * keep asking it for the dashboard's queries throughout. Beside it, an analyst's new projection
 * (follower fetches per month; its template is created as its migration would) is replayed from
 * the recorded history and switched to by `projections rebuild <name> --follow` (the same function
 * the CLI runs, here in the test's process because the projection's code lives here). The server,
 * which has no code for it, serves the new table at /api/analytics/metrics/... at once; new events
 * collected by the server (a refresh) reach the table while the rebuild follows the log; not one
 * request fails, and the metric's rows equal what the raw events say.
 */
import { defineProjection, type Row } from '@creatorsync/projections';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadOrCreateLocalAuthKeys } from '../auth/local-auth-keys.js';
import { issueLocalToken } from '../auth/local-token-issuer.js';
import { rebuildProjection, type RebuildResult } from '../cli/projections-rebuild.js';
import { createEventStore } from '../event-store/create-event-store.js';
import { createLogger } from '../logging/logger.js';
import { DEMO_CHANNELS } from '../twitch/simulator/sim-catalog.js';
import { projectionsCaughtUp } from '../testing/projections-caught-up.js';
import { hammer, type RequestHammer } from '../testing/request-hammer.js';
import { spawnServer, type SpawnedServer } from '../testing/spawned-server.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { waitFor } from '../testing/wait-for.js';
import { dropIfCreated, stopIfStarted } from '../testing/clean-up.js';
import { stringMatching } from '../testing/matchers.js';

const TABLE = 'followers_per_month';
/**
 * The metric is read for the demo channel with the largest audience: a refresh records a follower
 * total only when it changed since the last one, and that channel's total changes within minutes
 * (the smallest one's may stay the same for hours).
 */
const CHANNEL_ID = [...DEMO_CHANNELS].sort((a, b) => b.followersAtReference - a.followersAtReference)[0]?.id ?? '';

/** The analyst's new metric: per channel and month, how many follower totals were fetched, and the last one. */
const followersPerMonth = defineProjection({
  name: 'followers-per-month',
  version: 1,
  handles: ['FollowerCountFetched'],
  tables: [
    {
      name: TABLE,
      primaryKey: ['channel_id', 'month'],
      columns: { channel_id: 'text', month: 'date', fetches: 'integer', last_total: 'bigint' },
    },
  ],
  rowsToLoad: (event) => [{ table: TABLE, key: keyOf(event.data.broadcasterId, event.metadata.fetchedAt) }],
  apply: (event, rows) => {
    const key = keyOf(event.data.broadcasterId, event.metadata.fetchedAt);
    const row = rows.get<Row & { fetches: number }>(TABLE, key);
    rows.put(TABLE, { ...key, fetches: (row?.fetches ?? 0) + 1, last_total: event.data.total });
  },
});

function keyOf(channelId: string, fetchedAt: string): Row {
  return { channel_id: channelId, month: `${fetchedAt.slice(0, 7)}-01` };
}

/** Its migration: the template table the projector copies for each build. */
const TEMPLATE_SQL = `CREATE TABLE projection_templates.${TABLE} (
  channel_id text NOT NULL, month date NOT NULL, fetches integer NOT NULL, last_total bigint NOT NULL,
  PRIMARY KEY (channel_id, month))`;

/** What the raw events say, independently of the projection. */
const EXPECTED_SQL = `
  SELECT to_char(date_trunc('month', (metadata->>'fetchedAt')::timestamptz AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS month,
         count(*)::int AS fetches,
         (array_agg((data->>'total')::float8 ORDER BY position_commit DESC, position_prepare DESC))[1] AS last_total
    FROM events WHERE event_type = 'FollowerCountFetched' AND data->>'broadcasterId' = $1
   GROUP BY 1 ORDER BY 1`;

interface MetricAnswer {
  version: number;
  rows: Array<{ month: string; fetches: number; last_total: number }>;
}

describe('a new metric goes live on a running server', () => {
  let db: TestDatabase;
  let dataDir: string;
  let server: SpawnedServer | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataDir = await mkdtemp(path.join(tmpdir(), 'creatorsync-new-metric-'));
    await chmod(dataDir, 0o755);
  });
  /** The server's warnings and errors (its info lines are mostly requests). */
  const serverProblems = () =>
    (server?.output() ?? '')
      .split('\n')
      .filter((line) => /"level":(40|50|60)/.test(line))
      .join('\n')
      .slice(-6000);

  afterAll(async () => {
    await stopIfStarted(server);
    await dropIfCreated(db);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is replayed, switched to and kept current while the API answers every request', async () => {
    server = await spawnServer({
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      PORT: '0',
      DEMO_HISTORY_DAYS: '1',
      LIVE_POLL_MINUTES: '0',
      COLLECTION_COOLDOWN_SECONDS: '0',
      RATE_LIMIT_PER_MINUTE: '0',
    });
    const url = server.url ?? '';
    const { token } = await issueLocalToken(await loadOrCreateLocalAuthKeys(dataDir), 'demo');
    const auth = { authorization: `Bearer ${token}` };
    let progress = '';
    await waitFor(async () => {
      const response = await fetch(`${url}/api/analytics/demo-history`, { headers: auth });
      progress = `${response.status} ${await response.text()}`;
      return response.status === 200 && !(JSON.parse(progress.slice(4)) as { recording: boolean }).recording;
    }, 'the demo history to be recorded').catch((error: unknown) => {
      throw new Error(`${(error as Error).message}; last answer ${progress}; server:\n${serverProblems()}`);
    });
    await projectionsCaughtUp(url);
    const channelId = CHANNEL_ID;
    const metricPath = `/api/analytics/metrics/followers-per-month/${TABLE}?channel=${channelId}`;
    const readMetric = async () => {
      const response = await fetch(`${url}${metricPath}`, { headers: auth });
      if (response.status !== 200) throw new Error(`${metricPath} → ${response.status}: ${await response.text()}`);
      return (await response.json()) as MetricAnswer;
    };
    const expected = async () => (await db.pool.query<MetricAnswer['rows'][number]>(EXPECTED_SQL, [channelId])).rows;

    const dashboard = hammer(
      url,
      [
        '/api/analytics/overview',
        '/api/analytics/charts?days=7',
        '/api/analytics/detailed?days=7',
        '/api/analytics/metrics/channel-analytics/channel_analytics',
        '/health',
      ],
      { token, clients: 3, pauseMs: 20 },
    );
    let metricClients: RequestHammer | undefined;
    const follow = new AbortController();
    const eventStore = createEventStore({ pool: db.pool, databaseUrl: db.url });
    let rebuilt: Promise<RebuildResult> | undefined;
    try {
      // The analyst's migration, then the rebuild with --follow.
      await db.pool.query(TEMPLATE_SQL);
      let following: { buildId: number; warnings: string[] } | undefined;
      rebuilt = rebuildProjection(
        {
          pool: db.pool,
          eventStore,
          projections: [followersPerMonth],
          logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
          logInPostgres: true,
        },
        followersPerMonth.name,
        {
          follow: true,
          followPollMs: 200,
          signal: follow.signal,
          onFollowing: (build, warnings) => (following = { buildId: build.buildId, warnings }),
        },
      );
      await waitFor(
        () => Promise.race([rebuilt, Promise.resolve()]).then(() => following !== undefined),
        'the replay to switch readers to the new build',
      );
      // The running server has no code for it: the rebuild says so, and keeps following it itself.
      expect(following?.warnings).toEqual([
        stringMatching(/^the server \d+ on .* has no projection followers-per-month/),
      ]);

      // The server answers for the new metric at once, with what the raw events say.
      const first = await readMetric();
      expect(first.version).toBe(1);
      expect(first.rows.map(({ month, fetches, last_total }) => ({ month, fetches, last_total }))).toEqual(
        await expected(),
      );
      metricClients = hammer(url, [metricPath], { token, clients: 1, pauseMs: 20 });

      // New events, collected by the server, reach the new table while the rebuild follows the log.
      // Refreshes until one records a new follower total for the channel (only a change is recorded).
      const before = first.rows.reduce((sum, r) => sum + r.fetches, 0);
      await waitFor(
        async () => {
          const accepted = await fetch(`${url}/api/analytics/refresh`, { method: 'POST', headers: auth });
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
            `the refresh ${jobId} to end`,
          );
          return (await expected()).reduce((sum, r) => sum + r.fetches, 0) > before;
        },
        'a refresh to record a new follower total',
        { pollMs: 1000 },
      );
      let latest: MetricAnswer | undefined;
      await waitFor(async () => {
        latest = await readMetric();
        return latest.rows.reduce((sum, r) => sum + r.fetches, 0) > before;
      }, 'the refresh to reach the new metric');
      await waitFor(async () => {
        latest = await readMetric();
        const rows = latest.rows.map(({ month, fetches, last_total }) => ({ month, fetches, last_total }));
        return JSON.stringify(rows) === JSON.stringify(await expected());
      }, 'the new metric to equal the raw events after the refresh');
      // Enough requests while the rebuild follows the log, however fast the machine got here (a quick
      // run reached this point after 39 dashboard requests).
      await waitFor(
        async () => Promise.resolve(dashboard.requests > 50 && (metricClients?.requests ?? 0) > 0),
        'the clients to have made their requests while the new build is followed',
      );
    } finally {
      follow.abort();
      await rebuilt?.catch(() => undefined);
      await eventStore.close();
      const metricResult = await metricClients?.stop();
      const dashboardResult = await dashboard.stop();
      expect(dashboardResult.failures).toEqual([]);
      expect(dashboardResult.requests).toBeGreaterThan(50);
      expect(metricResult?.failures).toEqual([]);
      expect(metricResult?.requests).toBeGreaterThan(0);
    }
  });
});
