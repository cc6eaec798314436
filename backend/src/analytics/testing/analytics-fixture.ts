/**
 * A seeded read model for the analytics end-to-end tests: two users (alice with two channels,
 * bob with one), linked through real TwitchAccountLinked events and the account-channels
 * projection; the other read tables get rows inserted directly (their numbers are generated here,
 * so each test computes what it expects from these plain arrays, independently of the SQL under
 * test). A read table whose projection has no build in this checkout yet gets a plain table of the
 * template's shape in its place, so the same test runs before and after that projection lands.
 */
import { accountStream, eventCatalogue, viewsGained } from '@creatorsync/projections';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { TestSystem } from '../../testing/start-test-system.js';
import { must } from '../../must.js';

export const ALICE = 'alice';
export const BOB = 'bob';
export const A1 = '9100001'; // alice's primary channel (linked first)
export const A2 = '9100002';
export const B1 = '9100003'; // bob's
/** Text that appears only in bob's rows: no answer to alice may contain it. */
export const BOB_SECRET = 'BOB-SECRET';

const DAY_MS = 86_400_000;
export const dayOffset = (today: string, offset: number) =>
  new Date(Date.parse(`${today}T00:00:00Z`) + offset * DAY_MS).toISOString().slice(0, 10);

export interface DayRow {
  channel_id: string;
  day: string;
  followers: number | null;
  followers_gained: number | null;
  subscribers: number | null;
  subscriber_points: number | null;
  streams: number;
  hours_streamed: number;
  avg_viewers: number | null;
  peak_viewers: number | null;
  hours_watched: number;
  videos_published: number;
  clips_published: number;
  carried_forward: boolean;
}

export interface SessionGame {
  game_id: string;
  game_name: string | null;
  hours: number;
  hours_watched: number;
}

export interface SessionRow {
  channel_id: string;
  stream_id: string;
  started_at: string;
  ended_at: string | null;
  duration_hours: number;
  peak_viewers: number;
  avg_viewers: number;
  hours_watched: number;
  titles: string[];
  games: SessionGame[];
  followers_gained: number | null;
}

export interface VideoRow {
  channel_id: string;
  video_id: string;
  kind: string;
  title: string | null;
  game_id: string | null;
  created_at: string;
  views: number;
  views_gained_1d: number | null;
  views_gained_7d: number | null;
  views_gained_30d: number | null;
  view_history: Array<{ day: string; views: number }>;
  first_seen_at: string;
  first_views: number | null;
}

export interface GameRow {
  channel_id: string;
  game_id: string;
  game_name: string | null;
  streams: number;
  hours_streamed: number;
  avg_viewers: number | null;
  peak_viewers: number | null;
  hours_watched: number;
  followers_gained: number;
}

export interface JobSeed {
  job_id: string;
  kind: string;
  requested_by: string | null;
  broadcaster_ids: string[];
  status: string;
  channels_total: number;
  channels_ok: number;
  channels_failed: number;
  requests: number;
  events_written: number;
  failures: Array<{ broadcasterId: string; error: string }>;
  error: string | null;
  requested_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export interface BestTimeRow {
  channel_id: string;
  weekday: number;
  hour: number;
  hours_streamed: number;
  hours_watched: number;
  avg_viewers: number | null;
  followers_gained: number;
}

export interface Fixture {
  today: string;
  bestTimes: BestTimeRow[];
  timeZones: Array<{ channel_id: string; time_zone: string }>;
  days: DayRow[];
  sessions: SessionRow[];
  videos: VideoRow[];
  games: Array<{ game_id: string; name: string }>;
  gameAnalytics: GameRow[];
  jobs: JobSeed[];
}

/** alice's primary channel: 70 days ending yesterday, one missing day (7 days before the last), subscribers from day 20. */
function channelDays(
  channel: string,
  today: string,
  count: number,
  base: number,
  skipOffset: number | null,
  secret: boolean,
): DayRow[] {
  const rows: DayRow[] = [];
  let previous: number | null = null;
  for (let i = 0; i < count; i++) {
    const offset = -count + i; // ends yesterday
    const followers = base + i * 4 - (i % 7 === 3 ? 9 : 0) + (secret ? 1_000_000 : 0);
    const streamed = i % 3 === 0;
    const hours = streamed ? 2.5 + (i % 4) * 0.5 : 0;
    const watched = streamed ? hours * (40 + i) : 0;
    const row: DayRow = {
      channel_id: channel,
      day: dayOffset(today, offset),
      followers,
      followers_gained: previous === null ? null : followers - previous,
      subscribers: i >= 20 ? 50 + Math.floor(i / 10) : null,
      subscriber_points: i >= 20 ? 60 + i : null,
      streams: streamed ? 1 : 0,
      hours_streamed: hours,
      avg_viewers: streamed ? watched / hours : null,
      peak_viewers: streamed ? 60 + i : null,
      hours_watched: watched,
      videos_published: i % 10 === 0 ? 1 : 0,
      clips_published: i % 5 === 0 ? 2 : 0,
      carried_forward: false,
    };
    previous = followers;
    if (offset !== skipOffset) rows.push(row);
  }
  return rows;
}

function sessionsOf(channel: string, today: string, secret: boolean): SessionRow[] {
  const games = [
    { game_id: '8800001', game_name: 'Just Chatting' },
    { game_id: '8800002', game_name: 'Grand Theft Auto V' },
    { game_id: '8800003', game_name: null }, // a name only the games table knows
  ];
  const sessions: SessionRow[] = [];
  for (let i = 0; i < 16; i++) {
    const offset = -1 - i * 4; // every 4th day back from yesterday, ~64 days
    const started = Date.parse(`${dayOffset(today, offset)}T${i === 2 ? '23:30' : '18:00'}:00Z`);
    const hours = 2 + (i % 3);
    const first = must(games[i % 3], 'games[i % 3]');
    const second = must(games[(i + 1) % 3], 'games[(i + 1) % 3]');
    const split = [
      { ...first, hours: hours * 0.75, hours_watched: hours * 0.75 * (30 + i) },
      { ...second, hours: hours * 0.25, hours_watched: hours * 0.25 * (10 + i) },
    ];
    const watched = split.reduce((sum, g) => sum + g.hours_watched, 0);
    sessions.push({
      channel_id: channel,
      stream_id: `${channel}-s${i}`,
      started_at: new Date(started).toISOString(),
      ended_at: i === 0 ? null : new Date(started + hours * 3_600_000).toISOString(),
      duration_hours: hours,
      peak_viewers: 50 + i * 3,
      avg_viewers: watched / hours,
      hours_watched: watched,
      titles: secret
        ? [`${BOB_SECRET} stream ${i}`]
        : i === 1
          ? ['Ranked, "sweaty" games', '=1+1 chill']
          : [`Stream number ${i}`],
      games: split,
      followers_gained: i === 3 ? null : 5 + i,
    });
  }
  return sessions;
}

function videosOf(channel: string, today: string, secret: boolean): VideoRow[] {
  const specs: Array<[string, number, number | null, string | null, number]> = [
    // kind, views, gained 7d, game, created days back
    ['archive', 900, 40, '8800001', 3],
    ['archive', 1500, 10, '8800002', 20],
    ['archive', 300, null, '8800001', 45],
    ['highlight', 700, 70, '8800002', 10],
    ['upload', 50, 5, null, 100],
    ['clip', 5000, 100, '8800001', 5],
    ['clip', 800, 300, '8800002', 12],
    ['clip', 120, null, '8800002', 30],
    ['clip', 60, 2, '8800003', 2],
  ];
  return specs.map(([kind, rawViews, gained, game, back], i) => {
    const views = rawViews + (secret ? 7 : 0);
    const createdDay = dayOffset(today, -back);
    const created_at = new Date(Date.parse(`${createdDay}T12:00:00Z`)).toISOString();
    // Counts on the creation day and 7 and 1 days back, so the three windows differ; a null gain
    // is an item first seen only today whose first count is unknown.
    const history =
      gained === null
        ? [{ day: today, views }]
        : [
            { day: createdDay, views: Math.max(0, views - 3 * gained) },
            { day: dayOffset(today, -7), views: views - gained },
            { day: dayOffset(today, -1), views: views - Math.floor(gained / 7) },
            { day: today, views },
          ].filter(
            (h, j, all) => h.day >= createdDay && (j === all.length - 1 || h.day < must(all[j + 1], 'all[j + 1]').day),
          );
    const subject = {
      created_at,
      views,
      view_history: history,
      first_seen_at: gained === null ? `${today}T00:30:00.000Z` : created_at,
      first_views: gained === null ? null : must(history[0], 'history[0]').views,
    };
    // The expected gains, by the same definition as the API (projections/src/views-gained.ts).
    const gainedOver = (days: number) => viewsGained(subject, today, days).gained;
    return {
      channel_id: channel,
      video_id: `${channel}-v${i}`,
      kind,
      title: secret ? `${BOB_SECRET} video ${i}` : `${kind} ${i}`,
      game_id: game,
      ...subject,
      views_gained_1d: gainedOver(1),
      views_gained_7d: gainedOver(7),
      views_gained_30d: gainedOver(30),
    };
  });
}

export function buildFixture(today: string): Fixture {
  const days = [
    ...channelDays(A1, today, 70, 1000, -8, false),
    ...channelDays(A2, today, 5, 40, null, false),
    ...channelDays(B1, today, 70, 500_000, null, true),
  ];
  const sessions = [...sessionsOf(A1, today, false), ...sessionsOf(B1, today, true)];
  const videos = [...videosOf(A1, today, false), ...videosOf(B1, today, true)];
  const games = [
    { game_id: '8800001', name: 'Just Chatting' },
    { game_id: '8800002', name: 'Grand Theft Auto V' },
    { game_id: '8800003', name: 'League of Legends' },
  ];
  const gameAnalytics: GameRow[] = [
    {
      channel_id: A1,
      game_id: '8800001',
      game_name: 'Just Chatting',
      streams: 6,
      hours_streamed: 14,
      avg_viewers: 33,
      peak_viewers: 90,
      hours_watched: 462,
      followers_gained: 40,
    },
    {
      channel_id: A1,
      game_id: '8800002',
      game_name: null,
      streams: 5,
      hours_streamed: 17,
      avg_viewers: 35,
      peak_viewers: 99,
      hours_watched: 595,
      followers_gained: 31,
    },
    {
      channel_id: B1,
      game_id: '8800002',
      game_name: `${BOB_SECRET} game`,
      streams: 9,
      hours_streamed: 30,
      avg_viewers: 80,
      peak_viewers: 200,
      hours_watched: 2400,
      followers_gained: 300,
    },
  ];
  const at = (offsetDays: number, hour: number) =>
    new Date(Date.parse(`${dayOffset(today, offsetDays)}T00:00:00Z`) + hour * 3_600_000).toISOString();
  const jobs: JobSeed[] = [
    {
      job_id: 'job-alice-trigger',
      kind: 'trigger',
      requested_by: ALICE,
      broadcaster_ids: [A1],
      status: 'completed',
      channels_total: 1,
      channels_ok: 1,
      channels_failed: 0,
      requests: 7,
      events_written: 12,
      failures: [],
      error: null,
      requested_at: at(-1, 10),
      started_at: at(-1, 10),
      finished_at: at(-1, 11),
    },
    {
      job_id: 'job-daily-shared',
      kind: 'daily',
      requested_by: null,
      broadcaster_ids: [A1, B1, A2],
      status: 'completed',
      channels_total: 3,
      channels_ok: 2,
      channels_failed: 1,
      requests: 30,
      events_written: 50,
      failures: [{ broadcasterId: B1, error: `${BOB_SECRET} token revoked` }],
      error: null,
      requested_at: at(-1, 2),
      started_at: at(-1, 2),
      finished_at: at(-1, 3),
    },
    {
      job_id: 'job-bob-trigger',
      kind: 'trigger',
      requested_by: BOB,
      broadcaster_ids: [B1],
      status: 'running',
      channels_total: 1,
      channels_ok: 0,
      channels_failed: 0,
      requests: 2,
      events_written: 0,
      failures: [],
      error: null,
      requested_at: at(-1, 12),
      started_at: at(-1, 12),
      finished_at: null,
    },
    {
      job_id: 'job-daily-bob-only',
      kind: 'daily',
      requested_by: null,
      broadcaster_ids: [B1],
      status: 'failed',
      channels_total: 1,
      channels_ok: 0,
      channels_failed: 0,
      requests: 1,
      events_written: 0,
      failures: [],
      error: `${BOB_SECRET} helix down`,
      requested_at: at(-2, 2),
      started_at: at(-2, 2),
      finished_at: at(-2, 3),
    },
  ];
  const bestTimes: BestTimeRow[] = [];
  for (const [channel, scale] of [
    [A1, 1],
    [B1, 100],
  ] as const) {
    for (let i = 0; i < 12; i++) {
      const hours = i % 4 === 0 ? 0.5 : 1 + (i % 3); // some slots below the 1-hour bar for recommendations
      const watched = hours * (20 + ((i * 7) % 11)) * scale;
      bestTimes.push({
        channel_id: channel,
        weekday: 1 + (i % 7),
        hour: (i * 5) % 24,
        hours_streamed: hours,
        hours_watched: watched,
        avg_viewers: watched / hours,
        followers_gained: ((i * 3) % 5) * scale,
      });
    }
  }
  const timeZones = [
    { channel_id: A1, time_zone: 'Europe/Berlin' },
    { channel_id: B1, time_zone: 'America/New_York' },
  ];
  return { today, days, sessions, videos, games, gameAnalytics, jobs, bestTimes, timeZones };
}

async function linkChannel(
  system: TestSystem,
  userId: string,
  channelId: string,
  login: string,
  linkedAt: string,
): Promise<void> {
  await system.parts.eventStore.append(
    accountStream(userId),
    [
      {
        id: randomUUID(),
        type: 'TwitchAccountLinked',
        data: { userId, broadcasterId: channelId, login, displayName: login.toUpperCase(), scopes: [], linkedAt },
        metadata: {
          correlationId: 'analytics-e2e',
          source: 'simulator',
          schemaVersion: eventCatalogue.TwitchAccountLinked.version,
          fetchedAt: linkedAt,
        },
      },
    ],
    { expectedRevision: 'any' },
  );
}

/** The read table, or in its place a plain table of the template's shape when no projection serves it yet. */
async function ensureReadTable(pool: pg.Pool, table: string): Promise<void> {
  const { rows } = await pool.query<{ present: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS present`, [
    `public.${table}`,
  ]);
  if (!must(rows[0], 'rows[0]').present)
    await pool.query(`CREATE TABLE public."${table}" (LIKE projection_templates."${table}" INCLUDING ALL)`);
}

const JSON_COLUMNS = ['games', 'failures', 'view_history'];

/** Rows into a read table (one INSERT each); the tests that add rows to the seeded model use it too. */
export async function insertRows(
  pool: pg.Pool,
  table: string,
  rows: ReadonlyArray<object>,
  jsonColumns: readonly string[] = JSON_COLUMNS,
): Promise<void> {
  await ensureReadTable(pool, table);
  for (const row of rows) {
    const record = row as Record<string, unknown>;
    const columns = Object.keys(record);
    const values = columns.map((c) => (jsonColumns.includes(c) ? JSON.stringify(record[c]) : record[c]));
    await pool.query(
      `INSERT INTO public."${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
      values,
    );
  }
}

export async function seedReadModel(system: TestSystem, fixture: Fixture): Promise<void> {
  const base = Date.parse(`${fixture.today}T00:00:00Z`) - 400 * DAY_MS;
  await linkChannel(system, ALICE, A1, 'alice_one', new Date(base).toISOString());
  await linkChannel(system, ALICE, A2, 'alice_two', new Date(base + DAY_MS).toISOString());
  await linkChannel(system, BOB, B1, 'bob_secret', new Date(base).toISOString());
  await system.projectionsCaughtUp();
  const pool = system.db.pool;
  await insertRows(pool, 'channel_analytics', fixture.days);
  await insertRows(pool, 'stream_sessions', fixture.sessions);
  await insertRows(
    pool,
    'video_analytics',
    fixture.videos.map((v) => ({ ...v, last_fetched_at: `${fixture.today}T01:00:00.000Z` })),
  );
  await insertRows(
    pool,
    'games',
    fixture.games.map((g) => ({ ...g, fetched_at: new Date().toISOString() })),
  );
  await insertRows(pool, 'game_analytics', fixture.gameAnalytics);
  await insertRows(pool, 'analytics_jobs', fixture.jobs);
  await insertRows(pool, 'best_times', fixture.bestTimes);
  await insertRows(
    pool,
    'best_times_state',
    fixture.timeZones.map((z) => ({ ...z, hours_streamed: [], hours_watched: [], followers_gained: [] })),
    ['hours_streamed', 'hours_watched', 'followers_gained'],
  );
}
