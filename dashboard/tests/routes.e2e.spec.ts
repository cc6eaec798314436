/**
 * Every dashboard route in Chromium, at desktop (1440×900) and phone (390×844) sizes, in light and
 * dark: a screenshot under artifacts/routes/, no console errors, no horizontal overflow, zero serious
 * or critical axe-core violations, every control reachable by Tab. Then the flows, asserted from the
 * DOM: a user without a channel reaches Twitch's connect flow and comes back connected; a page past
 * the last, an unknown channel and an invalid period are explained with a way back; the theme
 * switch is remembered. One system and one browser serve the whole file.
 */
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { channelStream, eventCatalogue } from '@creatorsync/projections';
import type { Browser, BrowserContext } from 'playwright-core';
import { startTestSystem, type TestSystem } from '../../backend/src/testing/start-test-system.js';
import { chromiumAvailable, collectPageErrors, launchBrowser, signInLocal } from './browser.js';
import { controlsNotReachedByTab, horizontalOverflow, seriousAxeViolations } from './page-checks.js';
import { must } from '../src/lib/must.js';
import type { ChartsResponse, StreamHistoryResponse } from '../src/lib/types.js';

const VIEWPORTS = {
  desktop: { width: 1440, height: 900 },
  phone: { width: 390, height: 844 },
} as const;
const SCHEMES = ['light', 'dark'] as const;
/** The user the route cases sign in with the admin role ("Sign in as an admin" on the local sign-in). */
const ADMIN = 'root';

interface RouteCase {
  name: string;
  user: string;
  /** A function for a path known once the system runs (e.g. a stream id). */
  path: string | (() => string);
  /** A test id that shows once the route has rendered its content. */
  ready: string;
}

const ROUTES: RouteCase[] = [
  { name: 'overview', user: 'demo', path: '/', ready: 'best-times-legend' },
  { name: 'sessions-past-last-page', user: 'demo', path: '/?page=999', ready: 'sessions-out-of-range' },
  { name: 'invalid-period', user: 'demo', path: '/?days=abc', ready: 'period-problem' },
  { name: 'unknown-channel', user: 'demo', path: '/?channel=999999', ready: 'error-back' },
  { name: 'connect', user: 'newcomer', path: '/', ready: 'connect-button' },
  { name: 'jobs', user: 'demo', path: '/jobs', ready: 'job-card' },
  { name: 'overview-with-archive', user: 'demo', path: () => backfilled.path, ready: 'session-archive-badge' },
  { name: 'stream-report', user: 'demo', path: () => `/streams/${richest.streamId}`, ready: 'viewer-curve' },
  { name: 'admin', user: ADMIN, path: '/admin', ready: 'projection-row' },
  { name: 'admin-not-admin', user: 'demo', path: '/admin', ready: 'admin-sign-in' },
];

const browserTest = chromiumAvailable() ? test : test.skip;

/** The demo user's finished stream with the most games and titles (found once the system runs). */
let richest: { channelId: string; streamId: string } = { channelId: '', streamId: '' };

/** A demo channel's past as a backfill recorded it, before its observed history (see recordBackfill). */
let backfilled = { channelId: '', path: '', query: '', followerDays: [] as string[], streamIds: [] as string[] };

const daysBefore = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/**
 * Records what a backfill of `channelId` finds before its observed history (the catalogue's events,
 * as the backfill appends them): a follower total for each of the 5 days before, and two streams
 * from archives 3 and 2 days before. The overview's window runs from 6 days before the observed
 * history to the day of the first observed stream: both kinds on one sessions page, and the
 * follower chart's reconstructed and observed parts.
 */
async function recordBackfill(system: TestSystem, channelId: string): Promise<typeof backfilled> {
  const { rows } = await system.db.pool.query<{ followers_from: string; streams_from: string; followers: string }>(
    `SELECT (SELECT min(day)::text FROM channel_analytics WHERE channel_id = $1 AND followers IS NOT NULL) AS followers_from,
            (SELECT min(started_at AT TIME ZONE 'UTC')::date::text FROM stream_sessions WHERE channel_id = $1) AS streams_from,
            (SELECT followers::text FROM channel_analytics WHERE channel_id = $1 AND followers IS NOT NULL ORDER BY day LIMIT 1) AS followers`,
    [channelId],
  );
  const first = defined(rows[0], 'the observed history');
  const observedFrom = first.followers_from < first.streams_from ? first.followers_from : first.streams_from;
  const firstTotal = Number(first.followers);
  const followerDays = [5, 4, 3, 2, 1].map((n) => daysBefore(observedFrom, n));
  const streams = [
    { n: 3, at: 'T18:00:00.000Z', seconds: 7200, title: 'Speedrun practice (archive)' },
    { n: 2, at: 'T19:30:00.000Z', seconds: 5400, title: 'Community night (archive)' },
  ].map((s, i) => ({
    broadcasterId: channelId,
    streamId: `archived-${channelId}-${i}`,
    videoId: String(900_000_000 + i),
    startedAt: `${daysBefore(observedFrom, s.n)}${s.at}`,
    durationSeconds: s.seconds,
    title: s.title,
    averageViewers: null,
    peakViewers: null,
    reconstructed: true as const,
  }));
  const metadata = (type: keyof typeof eventCatalogue) => ({
    correlationId: 'routes-backfill',
    source: 'backfill',
    schemaVersion: eventCatalogue[type].version,
    fetchedAt: system.parts.clock.now().toISOString(),
  });
  const events = [
    ...followerDays.map((day, i) => ({
      type: 'FollowerCountReconstructed' as const,
      data: {
        broadcasterId: channelId,
        day,
        followers: Math.max(0, firstTotal - 10 * (followerDays.length - i)),
        totalAtFetch: firstTotal,
        reconstructed: true as const,
        lowerBound: true as const,
      },
    })),
    ...streams.map((data) => ({ type: 'StreamSessionReconstructed' as const, data })),
  ];
  // The catalogue is the contract: the events are the ones a backfill could append.
  for (const event of events) eventCatalogue[event.type].schema.parse(event.data);
  await system.parts.eventStore.append(
    channelStream(channelId),
    events.map((event) => ({ id: randomUUID(), ...event, metadata: metadata(event.type) })),
  );
  await system.projectionsCaughtUp();
  const query = `channel=${channelId}&from=${daysBefore(observedFrom, 6)}&to=${first.streams_from}`;
  return { channelId, path: `/?${query}`, query, followerDays, streamIds: streams.map((s) => s.streamId) };
}

/** The value, or a failure that names what was missing (instead of a non-null assertion). */
function defined<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`expected ${what}`);
  return value;
}

describe('dashboard routes in Chromium', () => {
  let system: TestSystem;
  let browser: Browser;
  // What beforeAll got as far as starting: nothing without Chromium, part of it after a failure.
  const started: { system?: TestSystem; browser?: Browser } = {};
  const contexts = new Map<string, BrowserContext>();

  beforeAll(async () => {
    if (!chromiumAvailable()) return;
    system = started.system = await startTestSystem({
      LIVE_POLL_MINUTES: '0',
      COLLECTION_JITTER_MS: '0',
      DEMO_HISTORY_DAYS: '14',
    });
    await system.demoReady;
    await system.projectionsCaughtUp();
    browser = started.browser = await launchBrowser();
    await mkdir('artifacts/routes', { recursive: true });
    const { rows } = await system.db.pool.query<{ channel_id: string; stream_id: string }>(
      `SELECT s.channel_id, s.stream_id FROM stream_sessions s
         JOIN account_channels a ON a.channel_id = s.channel_id AND a.user_id = 'demo'
        WHERE s.ended_at IS NOT NULL
        ORDER BY jsonb_array_length(s.games) + cardinality(s.titles) DESC, s.samples DESC, s.stream_id LIMIT 1`,
    );
    richest = { channelId: defined(rows[0], 'a finished demo stream').channel_id, streamId: rows[0]?.stream_id ?? '' };
    backfilled = await recordBackfill(system, richest.channelId);
  }, 600_000);

  afterAll(async () => {
    await started.browser?.close();
    await started.system?.stop();
  });

  /** A signed-in context per user, size and scheme (sign-in once; its session sits in localStorage). */
  async function pageFor(user: string, size: keyof typeof VIEWPORTS, scheme: (typeof SCHEMES)[number]) {
    const key = `${user}-${size}-${scheme}`;
    let context = contexts.get(key);
    if (!context) {
      context = await browser.newContext({ viewport: VIEWPORTS[size], colorScheme: scheme });
      const page = await context.newPage();
      // A user without a channel is sent on from the overview to /connect; an admin lands on /admin.
      await signInLocal(page, system.url, user, ['/', '/connect', '/admin'], user === ADMIN);
      await page.close();
      contexts.set(key, context);
    }
    return context.newPage();
  }

  for (const route of ROUTES) {
    for (const size of Object.keys(VIEWPORTS) as Array<keyof typeof VIEWPORTS>) {
      for (const scheme of SCHEMES) {
        browserTest(
          `${route.name} at ${size} size in ${scheme}: clean, fits, accessible, keyboard-reachable`,
          async () => {
            const page = await pageFor(route.user, size, scheme);
            const errors = collectPageErrors(page);
            try {
              await page.goto(new URL(typeof route.path === 'string' ? route.path : route.path(), system.url).href);
              await page.getByTestId(route.ready).first().waitFor();
              await page.screenshot({ path: `artifacts/routes/${route.name}-${size}-${scheme}.png`, fullPage: true });
              expect(await horizontalOverflow(page)).toBe(0);
              expect(await seriousAxeViolations(page)).toEqual([]);
              expect(await controlsNotReachedByTab(page)).toEqual([]);
              // The unknown channel's 404 is the one failed request Chromium logs, and it is the point.
              expect(errors.filter((e) => !(route.name === 'unknown-channel' && /status of 404/.test(e)))).toEqual([]);
            } finally {
              await page.close();
            }
          },
        );
      }
    }
  }

  browserTest('a user without a channel connects Twitch from the dashboard and lands on their overview', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop });
    const page = await context.newPage();
    try {
      await page.goto(new URL('/sign-in', system.url).href);
      await page.getByTestId('sign-in-user').fill('first-timer');
      await page.getByTestId('sign-in-submit').click();
      await page.waitForURL((url) => url.pathname === '/connect');
      expect(await page.getByTestId('connect-button').textContent()).toContain('Connect your Twitch channel');
      await page.getByTestId('connect-button').click();
      // The simulator's Twitch authorises at once and sends the browser back through the API's callback.
      await page.waitForURL((url) => url.pathname === '/' && url.searchParams.get('twitch') === 'connected');
      await page.getByTestId('channel-name').waitFor();
      const token = await system.token('first-timer');
      const { connections } = (await (await system.get('/api/twitch/connections', token)).json()) as {
        connections: Array<{ displayName: string }>;
      };
      expect(connections).toHaveLength(1);
      expect(await page.getByTestId('channel-name').textContent()).toContain(
        must(connections[0], 'connections[0]').displayName,
      );
    } finally {
      await context.close();
    }
  });

  browserTest('Collect now starts a job whose progress shows live, then the cooldown is shown', async () => {
    const page = await pageFor('demo', 'desktop', 'light');
    try {
      await page.goto(new URL('/jobs', system.url).href);
      await page.getByTestId('job-card').first().waitFor();
      await page.getByTestId('collect-now').click();
      // The new job heads the list and, polled live, reaches "completed" without a reload.
      const newest = page.locator('[data-testid="job-card"][data-kind="trigger"]').first();
      await newest.waitFor();
      await page.locator('[data-testid="job-card"][data-kind="trigger"][data-status="completed"]').first().waitFor({
        timeout: 120_000,
      });
      expect(await newest.getByTestId('job-progress').getAttribute('value')).toBe('100');
      expect(await newest.getByTestId('job-channel').count()).toBeGreaterThan(0);
      // Asked again within the cooldown: the page says when it can be asked again, and the button waits.
      await page.getByTestId('collect-now').click();
      await page
        .getByTestId('collect-status')
        .filter({ hasText: /collect again in \d+ s/ })
        .waitFor();
      expect(await page.getByTestId('collect-now').isDisabled()).toBe(true);
    } finally {
      await page.close();
    }
  });

  browserTest('edges are explained in words with a way back', async () => {
    const page = await pageFor('demo', 'desktop', 'light');
    try {
      await page.goto(new URL('/?page=999', system.url).href);
      expect(await page.getByTestId('sessions-out-of-range').textContent()).toMatch(/There is no page 999: the \d+/);
      await page.getByTestId('sessions-first').click();
      await page.getByTestId('session-row').first().waitFor();

      await page.goto(new URL('/?days=abc', system.url).href);
      expect(await page.getByTestId('period-problem').textContent()).toContain('“abc” is not a number of days');

      await page.goto(new URL('/?channel=999999', system.url).href);
      expect(await page.getByTestId('error-message').textContent()).toContain('999999');
      await page.getByTestId('error-back').click();
      await page.getByTestId('channel-name').waitFor();
    } finally {
      await page.close();
    }
  });

  browserTest('a custom date range is applied, kept in the URL, and an invalid one is explained', async () => {
    const page = await pageFor('demo', 'desktop', 'light');
    const today = system.parts.clock.now().toISOString().slice(0, 10);
    const dayBefore = (days: number) =>
      new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
    const [from, to] = [dayBefore(10), dayBefore(3)];
    try {
      await page.goto(new URL('/', system.url).href);
      await page.getByTestId('range-from').fill(from);
      await page.getByTestId('range-to').fill(to);
      await page.getByTestId('range-apply').click();
      await page.waitForURL((url) => url.searchParams.get('from') === from && url.searchParams.get('to') === to);
      await page.getByTestId('range-shown').filter({ hasText: '(8 days)' }).waitFor();
      // The page shows what the API answers for that range: its sessions, and no preset as current.
      const token = await system.token('demo');
      const history = (await (
        await system.get(`/api/analytics/stream-history?from=${from}&to=${to}&pageSize=10`, token)
      ).json()) as StreamHistoryResponse;
      const links = await page
        .locator('[data-testid="session-row"] a[href^="/streams/"]')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(history.items.length).toBeGreaterThan(0);
      expect([...new Set(links)]).toEqual(
        history.items.filter((item) => !item.reconstructed).map((item) => `/streams/${item.id}`),
      );
      expect(await page.locator('[data-testid^="period-"][aria-current="page"]').count()).toBe(0);
      expect(await page.getByTestId('range-from').inputValue()).toBe(from);
      // Reloaded, the URL alone brings the range back.
      await page.reload();
      await page.getByTestId('range-shown').filter({ hasText: '(8 days)' }).waitFor();
      expect(page.url()).toContain(`from=${from}&to=${to}`);

      // Invalid ranges: the default period with a message that says why, never silently.
      await page.goto(new URL(`/?from=${to}&to=${from}`, system.url).href);
      expect(await page.getByTestId('period-problem').textContent()).toContain(
        `The range starts (${to}) after it ends (${from})`,
      );
      await page.goto(new URL(`/?from=${today}&to=${dayBefore(-1)}`, system.url).href);
      expect(await page.getByTestId('period-problem').textContent()).toContain(
        `to (${dayBefore(-1)}) is in the future`,
      );
      expect(await page.getByTestId('period-90').getAttribute('aria-current')).toBe('page');
    } finally {
      await page.close();
    }
  });

  browserTest('the demo-history banner shows while the history is recorded and goes when it is done', async () => {
    // The system recorded its 14 demo days before the browser opened. The banner counts the days whose
    // job ended in analytics_jobs: the newest day's row is put back to how it looked while it ran.
    const { rows } = await system.db.pool.query<{ job_id: string; status: string }>(
      `SELECT job_id, status FROM analytics_jobs WHERE job_id LIKE 'demo-history-%' ORDER BY job_id DESC LIMIT 1`,
    );
    const lastDay = defined(rows[0], 'a recorded demo day');
    const page = await pageFor('demo', 'desktop', 'light');
    try {
      await system.db.pool.query(`UPDATE analytics_jobs SET status = 'running' WHERE job_id = $1`, [lastDay.job_id]);
      await page.goto(new URL('/', system.url).href);
      const banner = page.getByTestId('demo-history-banner');
      expect(await banner.textContent()).toContain('Recording demo history: day 14 of 14');
      // The day ends: the banner, polling through the layout's load, goes away without a reload.
      await system.db.pool.query(`UPDATE analytics_jobs SET status = $2 WHERE job_id = $1`, [
        lastDay.job_id,
        lastDay.status,
      ]);
      await banner.waitFor({ state: 'detached', timeout: 60_000 });
      await page.getByTestId('follower-card').waitFor();
    } finally {
      await system.db.pool.query(`UPDATE analytics_jobs SET status = $2 WHERE job_id = $1`, [
        lastDay.job_id,
        lastDay.status,
      ]);
      await page.close();
    }
  });

  browserTest('the theme switch overrides the system and is remembered', async () => {
    const page = await pageFor('demo', 'desktop', 'light');
    try {
      await page.goto(new URL('/', system.url).href);
      await page.getByTestId('theme-switch').selectOption('dark');
      const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(await background()).toBe('rgb(14, 16, 20)');
      await page.reload();
      await page.getByTestId('channel-name').waitFor();
      expect(await page.getByTestId('theme-switch').inputValue()).toBe('dark');
      expect(await background()).toBe('rgb(14, 16, 20)');
      await page.getByTestId('theme-switch').selectOption('system');
      expect(await background()).toBe('rgb(245, 246, 248)');
    } finally {
      await page.close();
    }
  });
  browserTest('an admin signs in as one from the local sign-in page and sees the whole system', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop });
    const page = await context.newPage();
    try {
      await signInLocal(page, system.url, 'ops-person', ['/admin'], true);
      await page.getByTestId('projection-row').first().waitFor();
      expect(await page.getByTestId('nav-admin').isVisible()).toBe(true);
      const stats = (await (
        await system.get('/api/analytics/system', await system.token('x', { admin: true }))
      ).json()) as {
        channels: { linked: number };
        projections: unknown[];
        helixRequestsByHour: Array<{ requests: number }>;
      };
      expect(await page.getByTestId('stat-channels').textContent()).toContain(String(stats.channels.linked));
      expect(await page.getByTestId('projection-row').count()).toBe(stats.projections.length);
      // The start-up collection made requests: the hourly chart has bars and the summary counts them.
      const total = stats.helixRequestsByHour.reduce((sum, h) => sum + h.requests, 0);
      expect(total).toBeGreaterThan(0);
      expect(await page.getByTestId('helix-summary').textContent()).toMatch(/[\d,]+ requests in the last 48 hours/);
      expect(await page.getByTestId('helix-chart').locator('rect').count()).toBe(48);
      expect(await page.getByTestId('admin-job-row').count()).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  });

  browserTest('an admin rebuilds a projection from /admin and watches it finish', async () => {
    const page = await pageFor(ADMIN, 'desktop', 'light');
    const errors = collectPageErrors(page);
    const name = 'best-times';
    const activeBuild = async () =>
      (
        await system.db.pool.query<{ build_id: number }>(
          `SELECT build_id FROM projection_builds WHERE name = $1 AND active`,
          [name],
        )
      ).rows[0]?.build_id;
    try {
      const before = defined(await activeBuild(), `an active ${name} build`);
      await page.goto(new URL('/admin', system.url).href);
      const row = page
        .locator(`[data-testid="projection-row"][data-name="${name}"]`)
        .filter({ hasNotText: '(building)' });
      await row.getByTestId('projection-rebuild').click();
      await page
        .getByTestId('projection-operation-message')
        .filter({ hasText: `Rebuilding ${name}` })
        .waitFor();
      // Polled live: the operation reaches "completed" without a reload, its bar full and its events counted.
      const operation = page.locator(
        `[data-testid="projection-operation"][data-projection="${name}"][data-status="completed"]`,
      );
      await operation.waitFor({ timeout: 180_000 });
      expect(await operation.getByTestId('projection-operation-progress').getAttribute('value')).toBe('100');
      expect(await operation.getByTestId('projection-operation-events').textContent()).toMatch(
        /^([\d,]+) of \1 events$/,
      );
      expect(await operation.getByTestId('projection-operation-error').count()).toBe(0);
      // The new build serves: a newer active build, and the row's state says it is live again.
      expect(await activeBuild()).toBeGreaterThan(before);
      await row.getByTestId('projection-state').filter({ hasText: 'live' }).waitFor({ timeout: 60_000 });
      expect(await row.getByTestId('projection-rebuild').isEnabled()).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  browserTest('an admin previews a backfill (dry run), starts it, watches its counts grow and cancels it', async () => {
    const page = await pageFor(ADMIN, 'desktop', 'light');
    const admin = await system.token('x', { admin: true });
    const backfill = async (jobId: string) =>
      (await (await system.get(`/api/admin/backfills/${jobId}`, admin)).json()) as {
        status: string;
        pages: number;
        estimate: { totalRequests: number } | null;
      };
    try {
      await page.goto(new URL('/admin', system.url).href);
      // The channel with most viewers has the longest follower list: its backfill since 2019 runs long enough to cancel.
      const simulator = defined(system.simulator, 'the Helix simulator');
      const largest = defined(
        [...simulator.world.channels].sort((a, b) => b.averageViewers - a.averageViewers)[0],
        'a demo channel',
      );
      const today = new Date(simulator.clock.now()).toISOString().slice(0, 10);
      await page.getByTestId('backfill-some').check();
      await page.getByTestId('backfill-ids').fill(largest.id);
      await page.getByTestId('backfill-from').fill('2019-01-01');
      await page.getByTestId('backfill-to').fill(today);
      await page.getByTestId('backfill-kind-videos').uncheck();
      await page.getByTestId('backfill-kind-clips').uncheck();

      await page.getByTestId('backfill-preview').click();
      await page.getByTestId('backfill-estimate').waitFor({ timeout: 60_000 });
      const dryRun = page.locator('[data-testid="backfill-item"][data-dry-run="true"]').first();
      const dryRunId = defined(await dryRun.getAttribute('data-job-id'), 'the dry run job id');
      const estimate = defined((await backfill(dryRunId)).estimate, "the dry run's estimate");
      expect(estimate.totalRequests).toBeGreaterThan(0);
      expect((await page.getByTestId('estimate-requests').textContent())?.replace(/,/g, '')).toBe(
        String(estimate.totalRequests),
      );

      await page.getByTestId('backfill-start').click();
      const run = page.locator('[data-testid="backfill-item"][data-dry-run="false"]').first();
      await run.waitFor();
      const runId = defined(await run.getAttribute('data-job-id'), 'the backfill job id');
      // Polled live: the pages read grow past zero without a reload.
      await run.getByTestId('backfill-pages').filter({ hasNotText: /^0$/ }).waitFor({ timeout: 60_000 });
      expect(Number((await run.getByTestId('backfill-requests').textContent())?.replace(/,/g, ''))).toBeGreaterThan(0);

      await run.getByTestId('backfill-cancel').click();
      await page.locator(`[data-testid="backfill-item"][data-job-id="${runId}"][data-status="cancelled"]`).waitFor();
      expect(await page.getByTestId('backfill-message').textContent()).toContain('cancelled');
      expect((await backfill(runId)).status).toBe('cancelled');
    } finally {
      await page.close();
    }
  });

  browserTest('a signed-in user who is not an admin is told how to become one on /admin', async () => {
    const page = await pageFor('demo', 'desktop', 'light');
    try {
      await page.goto(new URL('/admin', system.url).href);
      await page.getByTestId('admin-sign-in').waitFor();
      expect(await page.getByTestId('error-state').textContent()).toContain('Admin only');
      expect(await page.getByTestId('nav-admin').count()).toBe(0);
    } finally {
      await page.close();
    }
  });
  browserTest(
    "a session links to its report, whose curve, game bands and change marks match the stream's events",
    async () => {
      const page = await pageFor('demo', 'desktop', 'light');
      try {
        await page.goto(new URL('/?days=30', system.url).href);
        await page.getByTestId('session-report-link').first().click();
        await page.waitForURL((url) => url.pathname.startsWith('/streams/'));
        await page.getByTestId('stream-title').waitFor();

        await page.goto(new URL(`/streams/${richest.streamId}`, system.url).href);
        await page.getByTestId('viewer-curve').waitFor();
        interface Sample {
          stream: { id: string; viewer_count: number; game_id?: string; game_name?: string; title?: string };
        }
        const samples = [
          ...new Map(
            (await system.parts.eventStore.readStream(`twitch-channel-${richest.channelId}`))
              .filter((e) => e.type === 'LiveStreamSampled' && (e.data as Sample).stream.id === richest.streamId)
              .map((e) => {
                const at = new Date((e.metadata as { fetchedAt: string }).fetchedAt).toISOString();
                return [at, { at, ...(e.data as Sample).stream }] as const;
              }),
          ).values(),
        ].sort((a, b) => (a.at < b.at ? -1 : 1));
        expect(samples.length).toBeGreaterThan(1);
        const gameChanges = samples.filter((e, i) => i > 0 && (e.game_id ?? '') !== (samples[i - 1]?.game_id ?? ''));
        const titleChanges = samples.filter(
          (e, i) => i > 0 && e.title && samples[i - 1]?.title && e.title !== samples[i - 1]?.title,
        );
        // One band per stretch in a game, one numbered rule per change, each change listed in words.
        expect(await page.getByTestId('game-band').count()).toBe(gameChanges.length + 1);
        expect(await page.locator('[data-testid="change-mark"][data-kind="game"]').count()).toBe(gameChanges.length);
        expect(await page.locator('[data-testid="change-mark"][data-kind="title"]').count()).toBe(titleChanges.length);
        const listed = await page.getByTestId('change-item').allTextContents();
        expect(listed).toHaveLength(gameChanges.length + titleChanges.length);
        for (const change of titleChanges) expect(listed.some((text) => text.includes(`“${change.title}”`))).toBe(true);
        for (const change of gameChanges)
          expect(listed.some((text) => text.includes(`→ ${change.game_name ?? change.game_id ?? ''}`))).toBe(true);
        // Every game the stream was in is in the legend; the peak is the highest sample.
        const games = new Set(samples.map((e) => e.game_id ?? ''));
        expect(await page.getByTestId('curve-legend-game').count()).toBe(games.size);
        const peak = Math.max(...samples.map((e) => e.viewer_count));
        expect(await page.getByTestId('stream-fact-peak').textContent()).toContain(peak.toLocaleString('en-US'));
        // Back to the channel's overview.
        await page.getByTestId('stream-back').click();
        await page.getByTestId('channel-name').waitFor();
      } finally {
        await page.close();
      }
    },
  );

  browserTest(
    'a backfilled past is marked: archive streams show unknown viewers and link to Twitch, observed ones link to reports, reconstructed follower days are marked',
    async () => {
      const page = await pageFor('demo', 'desktop', 'light');
      const errors = collectPageErrors(page);
      const token = await system.token('demo');
      const api = async <T>(path: string) => (await (await system.get(path, token)).json()) as T;
      try {
        await page.goto(new URL(backfilled.path, system.url).href);
        await page.getByTestId('session-archive-badge').first().waitFor();
        const history = await api<StreamHistoryResponse>(
          `/api/analytics/stream-history?${backfilled.query}&page=1&pageSize=10`,
        );
        // Both kinds on the page: the two archive streams recorded, and observed ones.
        expect(history.items.filter((s) => s.reconstructed).map((s) => s.id)).toEqual(
          [...backfilled.streamIds].reverse(),
        );
        expect(history.items.some((s) => !s.reconstructed)).toBe(true);

        const rows = page.getByTestId('session-row');
        expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-stream-id')))).toEqual(
          history.items.map((s) => s.id),
        );
        for (const [i, stream] of history.items.entries()) {
          const row = rows.nth(i);
          expect(await row.getAttribute('data-reconstructed')).toBe(String(stream.reconstructed));
          if (stream.reconstructed) {
            const badge = row.getByTestId('session-archive-badge');
            expect(await badge.textContent()).toContain('From archive');
            expect(await badge.getAttribute('title')).toContain('viewers were not recorded');
            expect(await row.getByTestId('session-average').textContent()).toContain('Unknown');
            expect(await row.getByTestId('session-peak').textContent()).toContain('Unknown');
            // No report to link to (no live samples): the archive on Twitch instead.
            expect(await row.getByTestId('session-report-link').count()).toBe(0);
            expect(await row.getByTestId('session-archive-link').getAttribute('href')).toBe(
              `https://www.twitch.tv/videos/${stream.videoId ?? ''}`,
            );
          } else {
            expect(await row.getByTestId('session-archive-badge').count()).toBe(0);
            expect(await row.getByTestId('session-unknown').count()).toBe(0);
            expect(await row.getByTestId('session-report-link').getAttribute('href')).toBe(`/streams/${stream.id}`);
            expect(await row.getByTestId('session-peak').textContent()).toContain(
              new Intl.NumberFormat('en-US').format(stream.peakViewers ?? -1),
            );
          }
        }
        expect(await page.getByTestId('sessions-archive-note').isVisible()).toBe(true);

        // The follower chart: its table marks exactly the reconstructed days, the rest read observed.
        const charts = await api<ChartsResponse>(`/api/analytics/charts?${backfilled.query}`);
        expect(charts.followerGrowthReconstructed.map((p) => p.day)).toEqual(backfilled.followerDays);
        const table = page.getByTestId('follower-table');
        const marked = await table
          .locator('[data-testid="follower-table-row"][data-reconstructed="true"]')
          .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-day')));
        expect(marked).toEqual(backfilled.followerDays);
        const observed = table.locator('[data-testid="follower-table-row"][data-reconstructed="false"]');
        expect(await observed.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-day')))).toEqual(
          charts.followerGrowth.map((p) => p.day),
        );
        expect(
          await table
            .locator(
              '[data-testid="follower-table-row"][data-reconstructed="true"] [data-testid="follower-table-source"]',
            )
            .allTextContents(),
        ).toEqual(backfilled.followerDays.map(() => 'Reconstructed (backfill)'));
        expect(new Set(await observed.getByTestId('follower-table-source').allTextContents())).toEqual(
          new Set(['Observed']),
        );
        // Drawn apart: a dashed line and a shaded stretch, with a legend entry saying what they are.
        expect(await page.getByTestId('reconstructed-line').getAttribute('stroke-dasharray')).toBe('5 4');
        expect(await page.getByTestId('reconstructed-shade').count()).toBe(1);
        expect(await page.getByTestId('follower-legend-reconstructed').textContent()).toContain(
          `Reconstructed by a backfill, ${backfilled.followerDays.length} days`,
        );
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
      // On a phone each stream is a stacked card: the mark sits whole inside it, not cut off at its edge.
      const phone = await pageFor('demo', 'phone', 'light');
      try {
        await phone.goto(new URL(backfilled.path, system.url).href);
        const badges = phone.getByTestId('session-archive-badge');
        await badges.first().waitFor();
        // The table's scrolling wrapper: what is past its right edge is cut off.
        const card = defined(
          await phone.getByTestId('sessions-table').locator('xpath=..').boundingBox(),
          "the sessions table's wrapper",
        );
        for (const badge of await badges.all()) {
          const box = defined(await badge.boundingBox(), 'a From archive badge');
          expect(box.x).toBeGreaterThanOrEqual(card.x);
          expect(box.x + box.width).toBeLessThanOrEqual(card.x + card.width + 0.5);
        }
      } finally {
        await phone.close();
      }
    },
  );

  browserTest("another user's stream is explained in words with a way back", async () => {
    const page = await pageFor('newcomer', 'desktop', 'light');
    const errors = collectPageErrors(page);
    try {
      await page.goto(new URL(`/streams/${richest.streamId}`, system.url).href);
      expect(await page.getByTestId('error-message').textContent()).toContain('not found among your channels');
      expect(await page.getByTestId('error-back').isVisible()).toBe(true);
      expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
