/**
 * GET /api/analytics/metrics/<projection>/<table> over real HTTP on a seeded read model: any table
 * whose key starts with channel_id, scoped to the caller's channels, filtered by its day or time
 * column, paged, as JSON or CSV; unknown projections and tables are 404, bad parameters 400.
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
import { stopIfStarted } from '../testing/clean-up.js';
import { arrayContaining, stringContaining } from '../testing/matchers.js';

interface MetricAnswer {
  channel: { id: string };
  projection: string;
  version: number;
  table: string;
  columns: Array<{ name: string; type: string }>;
  primaryKey: string[];
  timeColumn: string | null;
  page: number;
  pageSize: number;
  totalRows: number;
  rows: Array<Record<string, unknown>>;
}

describe('GET /api/analytics/metrics/<projection>/<table>', () => {
  let system: TestSystem;
  let fx: Fixture;
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    system = await startTestSystem({ DEMO_HISTORY_DAYS: '0', LIVE_POLL_MINUTES: '0' }, { recordDemo: false });
    await system.demoReady;
    fx = buildFixture(system.parts.clock.now().toISOString().slice(0, 10));
    await seedReadModel(system, fx);
    alice = await system.token(ALICE);
    bob = await system.token(BOB);
  });
  afterAll(() => stopIfStarted(system));

  const get = (path: string, token = alice) => system.get(`/api/analytics/metrics/${path}`, token);
  const getJson = async (path: string, token = alice): Promise<MetricAnswer> => {
    const response = await get(path, token);
    const text = await response.text();
    if (response.status !== 200) throw new Error(`${path} → ${response.status}: ${text}`);
    return JSON.parse(text) as MetricAnswer;
  };
  const problem = async (path: string, token = alice) => {
    const response = await get(path, token);
    const body = (await response.json()) as { detail?: string };
    return { status: response.status, detail: body.detail ?? '' };
  };

  it("reads a day table of the user's primary channel within from–to, in key order, with its shape", async () => {
    const from = dayOffset(fx.today, -20);
    const to = dayOffset(fx.today, -10);
    const answer = await getJson(`channel-analytics/channel_analytics?from=${from}&to=${to}&pageSize=1000`);
    const expected = fx.days
      .filter((d) => d.channel_id === A1 && d.day >= from && d.day <= to)
      .sort((a, b) => a.day.localeCompare(b.day));
    expect(expected.length).toBe(11);
    expect(answer).toMatchObject({
      channel: { id: A1 },
      projection: 'channel-analytics',
      table: 'channel_analytics',
      primaryKey: ['channel_id', 'day'],
      timeColumn: 'day',
      page: 1,
      pageSize: 1000,
      totalRows: 11,
    });
    expect(answer.version).toBeGreaterThanOrEqual(1);
    expect(answer.columns).toEqual(
      arrayContaining([
        { name: 'day', type: 'date' },
        { name: 'followers', type: 'bigint' },
      ]),
    );
    expect(answer.rows.map((r) => [r.day, r.followers, r.hours_streamed])).toEqual(
      expected.map((d) => [d.day, d.followers, d.hours_streamed]),
    );
  });

  it('pages in primary-key order and counts every row', async () => {
    const all = fx.days.filter((d) => d.channel_id === A2).sort((a, b) => a.day.localeCompare(b.day));
    const page = await getJson(`channel-analytics/channel_analytics?channel=${A2}&page=2&pageSize=7`);
    expect(page.totalRows).toBe(all.length);
    expect(page.rows.map((r) => r.day)).toEqual(all.slice(7, 14).map((d) => d.day));
  });

  it('filters a timestamp column by days (a whole UTC day) or times', async () => {
    const sessions = fx.sessions
      .filter((s) => s.channel_id === A1)
      .sort((a, b) => a.stream_id.localeCompare(b.stream_id));
    const from = dayOffset(fx.today, -30);
    const to = dayOffset(fx.today, -5);
    const inWindow = (s: { started_at: string }) =>
      s.started_at >= `${from}T00:00:00.000Z` && s.started_at < `${dayOffset(to, 1)}T00:00:00.000Z`;
    const answer = await getJson(`stream-sessions/stream_sessions?from=${from}&to=${to}&pageSize=1000`);
    expect(answer.timeColumn).toBe('started_at');
    expect(answer.rows.map((r) => r.stream_id)).toEqual(sessions.filter(inWindow).map((s) => s.stream_id));
    expect(answer.rows.length).toBeGreaterThan(0);
    const first = sessions.filter(inWindow)[0];
    if (!first) throw new Error('the fixture has no session in the window');
    const exact = await getJson(
      `stream-sessions/stream_sessions?from=${encodeURIComponent(first.started_at)}&to=${encodeURIComponent(first.started_at)}`,
    );
    expect(exact.rows.map((r) => r.stream_id)).toEqual([first.stream_id]);
    expect(exact.rows.map((r) => new Date(String(r.started_at)).toISOString())).toEqual([first.started_at]);
  });

  it('answers CSV with the columns as header and the total in X-Total-Count', async () => {
    const response = await get('best-times/best_times?format=csv&pageSize=3');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="best-times.best_times.${A1}.csv"`);
    const expected = fx.bestTimes.filter((r) => r.channel_id === A1);
    expect(Number(response.headers.get('x-total-count'))).toBe(expected.length);
    const lines = (await response.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'channel_id,weekday,hour,hours_streamed,hours_watched,avg_viewers,followers_gained,follower_hours',
    );
    expect(lines).toHaveLength(4);
    expect(lines.slice(1).every((line) => line.startsWith(`${A1},`))).toBe(true);
  });

  it("never shows another user's channel", async () => {
    expect(await problem(`best-times/best_times?channel=${B1}`)).toMatchObject({ status: 404 });
    const own = await getJson('best-times/best_times?pageSize=1000', bob);
    expect(own.channel.id).toBe(B1);
    expect(own.rows.every((r) => r.channel_id === B1)).toBe(true);
    const aliceSees = await (await get('channel-profiles/channel_profiles')).text();
    expect(aliceSees).not.toContain(BOB_SECRET);
    expect(aliceSees).not.toContain(B1);
  });

  it('is 404 for an unknown projection or table, or a table that is not per channel', async () => {
    expect(await problem('no-such-metric/best_times')).toMatchObject({
      status: 404,
      detail: stringContaining('Unknown projection "no-such-metric"'),
    });
    expect(await problem('best-times/channel_analytics')).toMatchObject({
      status: 404,
      detail: stringContaining('its tables: best_times, best_times_state'),
    });
    expect(await problem('analytics-jobs/analytics_jobs')).toMatchObject({
      status: 404,
      detail: stringContaining('not per channel'),
    });
    expect(await problem('account-channels/account_channels')).toMatchObject({ status: 404 });
    expect(await problem('Best%20Times/best_times')).toMatchObject({ status: 404 });
  });

  it('is 400 for bad parameters, saying which', async () => {
    expect(await problem('best-times/best_times?from=2026-01-01')).toMatchObject({
      status: 400,
      detail: stringContaining('has no day or time column'),
    });
    expect((await problem('channel-analytics/channel_analytics?from=2026-02-30')).status).toBe(400);
    expect((await problem('channel-analytics/channel_analytics?from=2026-01-01T10:00:00Z')).detail).toMatch(
      /must be a day/,
    );
    expect((await problem('channel-analytics/channel_analytics?from=2026-03-01&to=2026-02-01')).detail).toMatch(
      /is after/,
    );
    expect((await problem('channel-analytics/channel_analytics?pageSize=0')).detail).toMatch(
      /pageSize must be at least 1/,
    );
    expect((await problem('channel-analytics/channel_analytics?format=xml')).detail).toMatch(/format must be one of/);
    expect((await problem('channel-analytics/channel_analytics?sort=day')).detail).toMatch(/sort/);
    expect((await get('channel-analytics/channel_analytics', '')).status).toBe(401);
  });

  it('answers an ETag and 304 while the table has not moved, and is in the OpenAPI document', async () => {
    const first = await get('best-times/best_times');
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"/);
    const again = await system.get('/api/analytics/metrics/best-times/best_times', alice, { 'If-None-Match': etag });
    expect(again.status).toBe(304);

    const document = (await (await system.get('/api/docs/openapi.json')).json()) as {
      paths: Record<string, { get?: { parameters?: Array<{ name: string }> } }>;
    };
    const route = document.paths['/api/analytics/metrics/{projection}/{table}']?.get;
    expect(route?.parameters?.map((p) => p.name)).toEqual(
      arrayContaining(['projection', 'table', 'channel', 'from', 'to', 'page', 'pageSize', 'format']),
    );
  });
});
