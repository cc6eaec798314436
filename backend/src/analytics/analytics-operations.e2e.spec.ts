/**
 * The analytics operations endpoints over real HTTP on a seeded read model: jobs (only the
 * caller's channels, ever), analytics health, admin system statistics and CSV/JSON export —
 * shapes, numbers from the seeded rows, isolation between users, and bad input.
 */
import { startTestSystem, type TestSystem } from '../testing/start-test-system.js';
import {
  A1,
  A2,
  ALICE,
  B1,
  BOB,
  BOB_SECRET,
  buildFixture,
  dayOffset,
  seedReadModel,
  type Fixture,
} from './testing/analytics-fixture.js';
import { daysOf, sessionsStartedIn } from './testing/expected.js';
import { must } from '../must.js';
import { problemDetail, readJson } from '../testing/read-json.js';
import type { JobsResponse } from './get-jobs/get-jobs.response.js';
import type { AnalyticsHealthResponse } from './get-analytics-health/get-analytics-health.response.js';
import type { SystemStatsResponse } from './get-system-stats/get-system-stats.response.js';
import type { LocalSignInResponse } from '../auth/auth.responses.js';
import { stopIfStarted } from '../testing/clean-up.js';
import { anyOf, anything, arrayContaining, objectContaining } from '../testing/matchers.js';

/** A small RFC 4180 reader for the test: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = must(text[i], 'text[i]');
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || record.length) throw new Error('CSV does not end with CRLF');
  return records;
}

/** The parts of the served OpenAPI document this spec reads. */
interface OpenApiDocument {
  paths: Record<
    string,
    | {
        get: {
          responses: Record<string, { content: Record<string, { schema: { $ref: string } } | undefined> } | undefined>;
          parameters: Array<{ name: string }>;
        };
      }
    | undefined
  >;
  components: {
    schemas: Record<
      string,
      { required?: string[]; properties: Record<string, { items?: { $ref: string } } | undefined> } | undefined
    >;
  };
}

describe('analytics operations', () => {
  let system: TestSystem;
  let fx: Fixture;
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    system = await startTestSystem({ DEMO_HISTORY_DAYS: '0' });
    await system.demoReady;
    fx = buildFixture(system.parts.clock.now().toISOString().slice(0, 10));
    await seedReadModel(system, fx);
    alice = await system.token(ALICE);
    bob = await system.token(BOB);
  });
  afterAll(() => stopIfStarted(system));

  const getJson = async <T>(path: string, token = alice, headers: Record<string, string> = {}): Promise<T> => {
    const response = await system.get(path, token, headers);
    const text = await response.text();
    if (response.status !== 200) throw new Error(`${path} → ${response.status}: ${text}`);
    return JSON.parse(text) as T;
  };

  describe('jobs', () => {
    it("lists alice's own requests and shared jobs with her channels only, newest first", async () => {
      const { jobs } = await getJson<JobsResponse>('/api/analytics/jobs');
      const expected = fx.jobs
        .filter((j) => j.requested_by === ALICE || j.broadcaster_ids.some((id) => id === A1 || id === A2))
        .sort((a, b) => b.requested_at.localeCompare(a.requested_at));
      expect(jobs.map((j) => j.jobId)).toEqual(expected.map((j) => j.job_id));

      const own = jobs.find((j) => j.jobId === 'job-alice-trigger');
      expect(own).toEqual({
        jobId: 'job-alice-trigger',
        kind: 'trigger',
        status: 'completed',
        requestedByYou: true,
        progressPct: 100,
        channels: [{ id: A1, outcome: 'collected', error: null }],
        counts: { channelsTotal: 1, channelsOk: 1, channelsFailed: 0, requests: 7, eventsWritten: 12 },
        error: null,
        requestedAt: must(fx.jobs[0], 'fx.jobs[0]').requested_at,
        startedAt: must(fx.jobs[0], 'fx.jobs[0]').started_at,
        finishedAt: must(fx.jobs[0], 'fx.jobs[0]').finished_at,
      });
      const shared = jobs.find((j) => j.jobId === 'job-daily-shared');
      expect(shared).toMatchObject({
        requestedByYou: false,
        counts: null,
        error: null,
        channels: [
          { id: A1, outcome: 'collected', error: null },
          { id: A2, outcome: 'collected', error: null },
        ],
      });

      const text = JSON.stringify(jobs);
      expect(text).not.toContain(B1);
      expect(text).not.toContain(BOB_SECRET);
    });

    it("bob sees his running request and his failure in the shared job, never alice's channels", async () => {
      const { jobs } = await getJson<JobsResponse>('/api/analytics/jobs', bob);
      expect(jobs.map((j) => j.jobId).sort()).toEqual(['job-bob-trigger', 'job-daily-bob-only', 'job-daily-shared']);
      const running = jobs.find((j) => j.jobId === 'job-bob-trigger');
      expect(running).toMatchObject({
        status: 'running',
        progressPct: 0,
        channels: [{ id: B1, outcome: 'pending', error: null }],
        finishedAt: null,
      });
      const shared = jobs.find((j) => j.jobId === 'job-daily-shared');
      expect(shared?.channels).toEqual([{ id: B1, outcome: 'failed', error: `${BOB_SECRET} token revoked` }]);
      // A scheduled job's own error text may be about anyone's channels: only its requester sees it.
      expect(jobs.find((j) => j.jobId === 'job-daily-bob-only')).toMatchObject({
        status: 'failed',
        error: null,
        channels: [{ id: B1, outcome: 'not_collected' }],
      });
      const text = JSON.stringify(jobs);
      expect(text).not.toContain(A1);
      expect(text).not.toContain(A2);
    });

    it('limit and channel narrow the list; a foreign channel is 404', async () => {
      expect((await getJson<JobsResponse>('/api/analytics/jobs?limit=1')).jobs.map((j) => j.jobId)).toEqual([
        'job-alice-trigger',
      ]);
      expect((await getJson<JobsResponse>(`/api/analytics/jobs?channel=${A2}`)).jobs.map((j) => j.jobId)).toEqual([
        'job-daily-shared',
      ]);
      const foreign = await system.get(`/api/analytics/jobs?channel=${B1}`, alice);
      expect(foreign.status).toBe(404);
    });

    it("job picks one job; another user's job, or one not in the read model yet, is an empty list", async () => {
      expect(
        (await getJson<JobsResponse>('/api/analytics/jobs?job=job-daily-shared')).jobs.map((j) => j.jobId),
      ).toEqual(['job-daily-shared']);
      expect((await getJson<JobsResponse>('/api/analytics/jobs?job=job-bob-trigger')).jobs).toEqual([]);
      expect((await getJson<JobsResponse>('/api/analytics/jobs?job=job-not-there-yet')).jobs).toEqual([]);
      expect(
        (await getJson<JobsResponse>(`/api/analytics/jobs?job=job-daily-shared&channel=${A1}`)).jobs.map(
          (j) => j.jobId,
        ),
      ).toEqual(['job-daily-shared']);
    });
  });

  describe('health', () => {
    it('/api/analytics/health (no token): event store up, every projection with its lag, last successful collection', async () => {
      const body = await getJson<AnalyticsHealthResponse>('/api/analytics/health', '');
      expect(body.status).toBe('ok');
      expect(body.eventStore).toMatchObject({ status: 'up', kind: 'postgres' });
      expect(body.eventStore.head).toMatch(/^\d+-\d+$/);
      const { rows: builds } = await system.db.pool.query<{ name: string }>(
        `SELECT name FROM projection_builds WHERE state <> 'retired' ORDER BY name`,
      );
      expect(body.projections.map((p) => p.name).sort()).toEqual(builds.map((b) => b.name).sort());
      for (const p of body.projections)
        expect(p).toMatchObject({
          state: 'live',
          active: true,
          lagEvents: anyOf(Number),
          lagSeconds: anyOf(Number),
        });
      const { rows } = await system.db.pool.query<{ kind: string; finished_at: Date }>(
        `SELECT kind, finished_at FROM analytics_jobs WHERE status = 'completed' ORDER BY finished_at DESC LIMIT 1`,
      );
      const last = must(rows[0], 'a completed job');
      expect(body.lastSuccessfulCollection).toEqual({
        kind: last.kind,
        finishedAt: last.finished_at.toISOString(),
      });
    });

    it('/health answers without a token', async () => {
      const response = await system.get('/health');
      expect(response.status).toBe(200);
      expect(await readJson<unknown>(response)).toMatchObject({ status: 'ok', database: 'up' });
    });
  });

  describe('system (admin)', () => {
    it('counts channels, events, projections, jobs by status and the Helix budget', async () => {
      const body = await getJson<SystemStatsResponse>(
        '/api/analytics/system',
        await system.token('root', { admin: true }),
      );
      const one = async (sql: string) => must((await system.db.pool.query<{ n: number }>(sql)).rows[0], sql).n;
      expect(body.channels).toMatchObject({
        linked: await one(`SELECT count(DISTINCT channel_id)::int AS n FROM account_channels`),
        accounts: await one(`SELECT count(DISTINCT user_id)::int AS n FROM account_channels`),
        profiles: await one(`SELECT count(*)::int AS n FROM channel_profiles`),
      });
      expect(body.channels.linked).toBeGreaterThanOrEqual(3);
      expect(body.channels.accounts).toBeGreaterThanOrEqual(2);
      expect(body.events.total).toBe(
        Object.values(must(body.events.byType, 'events by type')).reduce((a, b) => a + b, 0),
      );
      expect(body.events.byType?.TwitchAccountLinked).toBeGreaterThanOrEqual(3);
      const { rows: statuses } = await system.db.pool.query<{ status: string; n: number }>(
        `SELECT status, count(*)::int AS n FROM analytics_jobs GROUP BY status`,
      );
      expect(body.jobsByStatus).toEqual(Object.fromEntries(statuses.map((r) => [r.status, r.n])));
      expect(body.jobsByStatus.completed).toBeGreaterThanOrEqual(
        fx.jobs.filter((j) => j.status === 'completed').length,
      );
      expect(body.projections.length).toBeGreaterThan(5);
      expect(body.projections[0]).toEqual(
        objectContaining({
          name: anyOf(String),
          position: anything(),
          lagEvents: anyOf(Number),
        }),
      );
      expect(body.helix.totalRequests).toBe(system.parts.helix.requestStats().totalRequests);
      expect(body.helix.totalRequests).toBeGreaterThan(0); // the demo channels' start-up collection
    });

    it('lists the newest runs of every user and the Helix requests per hour from the jobs', async () => {
      const body = await getJson<SystemStatsResponse>(
        '/api/analytics/system',
        await system.token('root', { admin: true }),
      );
      const { rows: newest } = await system.db.pool.query<{ job_id: string; requests: number }>(
        `SELECT job_id, requests FROM analytics_jobs ORDER BY requested_at DESC, job_id LIMIT 25`,
      );
      expect(body.recentJobs.map((j) => j.jobId)).toEqual(newest.map((r) => r.job_id));
      expect(body.helixRequestsByHour).toHaveLength(48);
      const hours = body.helixRequestsByHour as Array<{ hour: string; requests: number; jobs: number }>;
      expect(hours.map((h) => h.hour)).toEqual([...hours.map((h) => h.hour)].sort());
      const { rows: window } = await system.db.pool.query<{ n: number }>(
        `SELECT coalesce(sum(requests), 0)::int AS n FROM analytics_jobs
          WHERE coalesce(started_at, requested_at) >= $1::timestamptz`,
        [must(hours[0], 'hours[0]').hour],
      );
      expect(hours.reduce((sum, h) => sum + h.requests, 0)).toBe(window[0]?.n);
    });

    it('local sign-in grants the admin role only when asked for, and says so', async () => {
      const signIn = (body: unknown) =>
        fetch(`${system.url}/api/auth/local/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      const asAdmin = await readJson<LocalSignInResponse>(await signIn({ userId: 'root', admin: true }));
      expect(asAdmin.admin).toBe(true);
      expect((await system.get('/api/analytics/system', asAdmin.token)).status).toBe(200);
      const plain = await readJson<LocalSignInResponse>(await signIn({ userId: 'root' }));
      expect(plain.admin).toBe(false);
      expect((await system.get('/api/analytics/system', plain.token)).status).toBe(403);
      const bad = await signIn({ userId: 'root', admin: 'yes' });
      expect(bad.status).toBe(400);
      expect(await bad.text()).toContain('admin must be true or false');
    });

    it('is for admins only', async () => {
      const response = await system.get('/api/analytics/system', alice);
      expect(response.status).toBe(403);
      expect(await problemDetail(response)).toContain('Admin only');
    });
  });

  describe('export', () => {
    it('streams as CSV: an attachment with titles and categories, every field escaped', async () => {
      const response = await system.get('/api/analytics/export?dataset=streams&days=60', alice);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename="creatorsync-alice_one-streams-${fx.today}.csv"`,
      );
      const [header, ...records] = parseCsv(await response.text());
      expect(header).toEqual([
        'stream_id',
        'started_at',
        'ended_at',
        'duration_hours',
        'average_viewers',
        'peak_viewers',
        'hours_watched',
        'followers_gained',
        'titles',
        'categories',
        'category_ids',
      ]);
      const sessions = sessionsStartedIn(fx.sessions, A1, dayOffset(fx.today, -59), fx.today).sort((a, b) =>
        a.started_at.localeCompare(b.started_at),
      );
      expect(records.map((r) => r[0])).toEqual(sessions.map((s) => s.stream_id));
      const field = (record: string[], name: string) => record[must(header, 'header').indexOf(name)];
      for (const [i, s] of sessions.entries()) {
        const record = must(records[i], 'records[i]');
        expect(field(record, 'started_at')).toBe(s.started_at);
        expect(field(record, 'ended_at')).toBe(s.ended_at ?? '');
        // CSV rounds hours to 2 decimals (JSON keeps full precision, below).
        expect(field(record, 'hours_watched')).toMatch(/^-?\d+(\.\d{1,2})?$/);
        expect(Math.abs(Number(field(record, 'hours_watched')) - s.hours_watched)).toBeLessThanOrEqual(0.005 + 1e-9);
        expect(field(record, 'categories')).toBe(
          s.games
            .map(
              (g) =>
                g.game_name ??
                must(
                  fx.games.find((x) => x.game_id === g.game_id),
                  'fx.games.find((x) => x.game_id === g.game_id)',
                ).name,
            )
            .join(' | '),
        );
        expect(field(record, 'category_ids')).toBe(s.games.map((g) => g.game_id).join(' | '));
        // A title that would run as a spreadsheet formula is neutralised with a leading apostrophe.
        expect(field(record, 'titles')).toBe(
          s.titles.map((t, j) => (j === 0 && /^[=+\-@]/.test(t) ? `'${t}` : t)).join(' | '),
        );
      }
      expect(records.some((r) => field(r, 'titles') === 'Ranked, "sweaty" games | =1+1 chill')).toBe(true);
    });

    it('daily as JSON: one object per day of the window', async () => {
      const response = await system.get(`/api/analytics/export?dataset=daily&format=json&days=30&channel=${A1}`, alice);
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename="creatorsync-alice_one-daily-${fx.today}.json"`,
      );
      const rows = await readJson<Array<{ day: string; followers: number }>>(response);
      const days = daysOf(fx.days, A1, dayOffset(fx.today, -29), fx.today);
      expect(rows.map((r) => [r.day, r.followers])).toEqual(days.map((d) => [d.day, d.followers]));
      expect(rows[0]).toMatchObject({
        followers_gained: must(days[0], 'days[0]').followers_gained,
        hours_streamed: must(days[0], 'days[0]').hours_streamed,
        subscribers: must(days[0], 'days[0]').subscribers,
      });
    });

    it('videos and games as CSV, with game names', async () => {
      const videos = parseCsv(await (await system.get('/api/analytics/export?dataset=videos', alice)).text());
      const mine = fx.videos.filter((v) => v.channel_id === A1);
      expect(videos).toHaveLength(mine.length + 1);
      const v0 = must(
        videos.find((r) => r[0] === must(mine[0], 'mine[0]').video_id),
        'videos.find((r) => r[0] === mine[0].video_id)',
      );
      expect(v0.slice(0, 5)).toEqual([
        must(mine[0], 'mine[0]').video_id,
        must(mine[0], 'mine[0]').kind,
        must(mine[0], 'mine[0]').title,
        must(mine[0], 'mine[0]').game_id,
        must(
          fx.games.find((g) => g.game_id === must(mine[0], 'mine[0]').game_id),
          'fx.games.find((g) => g.game_id === mine[0].game_id)',
        ).name,
      ]);
      const games = parseCsv(await (await system.get('/api/analytics/export?dataset=games&format=csv', alice)).text());
      expect(games.slice(1).map((r) => [r[0], r[1]])).toEqual([
        ['8800002', 'Grand Theft Auto V'],
        ['8800001', 'Just Chatting'],
      ]);
    });

    it('streams and daily rows of a custom from–to range', async () => {
      const from = dayOffset(fx.today, -40);
      const to = dayOffset(fx.today, -20);
      const streams = parseCsv(
        await (await system.get(`/api/analytics/export?dataset=streams&from=${from}&to=${to}`, alice)).text(),
      ).slice(1);
      const sessions = sessionsStartedIn(fx.sessions, A1, from, to).sort((a, b) =>
        a.started_at.localeCompare(b.started_at),
      );
      expect(sessions.length).toBeGreaterThan(0);
      expect(streams.map((r) => r[0])).toEqual(sessions.map((s) => s.stream_id));
      const daily = (await (
        await system.get(`/api/analytics/export?dataset=daily&format=json&from=${from}&to=${to}`, alice)
      ).json()) as Array<{ day: string }>;
      expect(daily.map((d) => d.day)).toEqual(daysOf(fx.days, A1, from, to).map((d) => d.day));
    });

    it("never exports another user's channel", async () => {
      for (const dataset of ['daily', 'streams', 'videos', 'games']) {
        for (const format of ['csv', 'json']) {
          const text = await (
            await system.get(`/api/analytics/export?dataset=${dataset}&format=${format}&days=730`, alice)
          ).text();
          expect(text).not.toContain(BOB_SECRET);
          expect(text).not.toContain(B1);
        }
        const foreign = await system.get(`/api/analytics/export?dataset=${dataset}&channel=${B1}`, alice);
        expect(foreign.status).toBe(404);
      }
    });
  });

  it('documents every analytics route and its response shape in the OpenAPI document', async () => {
    const doc = await readJson<OpenApiDocument>(await system.get('/api/docs/openapi.json'));
    const responses: Record<string, string> = {
      overview: 'OverviewResponse',
      charts: 'ChartsResponse',
      detailed: 'DetailedResponse',
      growth: 'GrowthResponse',
      content: 'ContentResponse',
      'best-times': 'BestTimesResponse',
      jobs: 'JobsResponse',
      health: 'AnalyticsHealthResponse',
      system: 'SystemStatsResponse',
    };
    for (const [route, schema] of Object.entries(responses)) {
      const ok = doc.paths[`/api/analytics/${route}`]?.get.responses['200'];
      expect(ok?.content['application/json']?.schema.$ref).toBe(`#/components/schemas/${schema}`);
    }
    expect(doc.components.schemas.OverviewResponse?.required).toEqual(
      arrayContaining(['followers', 'subscribers', 'averageViewers', 'hoursStreamed']),
    );
    expect(doc.components.schemas.StreamSessionDto?.properties.categories?.items?.$ref).toBe(
      '#/components/schemas/StreamCategoryDto',
    );
    const exportParams = doc.paths['/api/analytics/export']?.get.parameters.map((p) => p.name);
    expect(exportParams).toEqual(arrayContaining(['dataset', 'format', 'days', 'channel']));
  });

  describe('rejects bad input with a 4xx that says what is wrong', () => {
    it.each([
      ['/api/analytics/jobs?limit=0', 400, 'limit must be at least 1'],
      ['/api/analytics/jobs?limit=101', 400, 'limit must be at most 100'],
      ['/api/analytics/jobs?job=a%20b', 400, 'job must be a job id'],
      ['/api/analytics/jobs?limit=all', 400, 'limit must be a whole number'],
      ['/api/analytics/jobs?channel=12a', 400, 'channel must be a Twitch broadcaster id (digits)'],
      ['/api/analytics/export', 400, 'dataset must be one of: daily, streams, videos, games'],
      ['/api/analytics/export?dataset=clips', 400, 'dataset must be one of: daily, streams, videos, games'],
      ['/api/analytics/export?dataset=daily&format=xml', 400, 'format must be one of: csv, json'],
      ['/api/analytics/export?dataset=daily&days=0', 400, 'days must be at least 1'],
      ['/api/analytics/export?dataset=daily&days=731', 400, 'days must be at most 730'],
      ['/api/analytics/export?dataset=daily&sep=%3B', 400, 'unknown parameter "sep"'],
      ['/api/analytics/system?verbose=1', 403, 'Admin only'],
    ])('%s → %i', async (path, status, detail) => {
      const response = await system.get(path, alice);
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(await problemDetail(response)).toContain(detail);
    });
  });
});
