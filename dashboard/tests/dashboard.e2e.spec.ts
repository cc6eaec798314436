/**
 * The dashboard in a real browser against the real system (Helix simulator): sign in locally as
 * the demo user and check what they see — the metric cards show the numbers the API returns for
 * the demo channel, the viewership chart and the stream sessions table are drawn from its data
 * (the demo history records its past streams through live polls at the simulator's past times) —
 * then let days pass at the simulator, press Refresh, and check that the card shows the new
 * follower total as soon as the refresh says it is done (read-your-writes through the UI); a second
 * Refresh within the cooldown says when to try again; the streams CSV downloads; the channel picker
 * switches to another channel. Saves a screenshot to artifacts/dashboard-overview.png.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { startTestSystem, type TestSystem } from '../../backend/src/testing/start-test-system.js';
import { chromiumAvailable, collectPageErrors, launchBrowser, signInLocal } from './browser.js';
import { must } from '../src/lib/must.js';
import type { ChartsResponse, ConnectionsResponse, DetailedResponse, OverviewResponse } from '../src/lib/types.js';

const DAY_MS = 86_400_000;
const DASH = '—';
// The dashboard formats en-US: whole numbers with separators, averages and hours to one decimal.
const whole = (n: number | null) =>
  n === null ? DASH : new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }).format(n);
const oneDecimal = (n: number | null) =>
  n === null ? DASH : new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(n);
const hours = (n: number | null) => (n === null ? DASH : `${oneDecimal(n)} h`);

const title =
  'dashboard shows the API’s numbers, viewership and sessions, fresh numbers right after Refresh, exports and switches channels';
// Without Debian's Chromium the test cannot run; it is reported as skipped, by name, with the reason.
const browserTest = chromiumAvailable() ? test : test.skip;

describe('dashboard in Chromium', () => {
  let system: TestSystem | undefined;
  afterAll(() => system?.stop());

  browserTest(
    chromiumAvailable() ? title : `${title} — skipped: /usr/bin/chromium is not installed (apt-get install chromium)`,
    async () => {
      // Two weeks of history are enough for sessions, charts and cards (the default builds 35 days).
      system = await startTestSystem({ DEMO_HISTORY_DAYS: '14', LIVE_POLL_MINUTES: '0', COLLECTION_JITTER_MS: '0' });
      await system.demoReady;
      await system.projectionsCaughtUp();
      const token = await system.token('demo');
      // The API's answers, in the shapes the dashboard reads them in (api-types.drift.spec.ts keeps those true).
      const api = async <T>(path: string) => (await must(system, 'system').get(path, token)).json() as Promise<T>;
      const overview = await api<OverviewResponse>('/api/analytics/overview');
      // The page opens on 90 days, 10 sessions a page.
      const charts = await api<ChartsResponse>('/api/analytics/charts?days=90');
      const detailed = await api<DetailedResponse>('/api/analytics/detailed?days=90&page=1&pageSize=10');

      const browser = await launchBrowser();
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        const errors = collectPageErrors(page);
        await signInLocal(page, system.url);
        await page.getByTestId('follower-area').waitFor();
        const text = async (testid: string) => ((await page.getByTestId(testid).textContent()) ?? '').trim();

        // The cards: what the API says for the demo channel.
        expect(await text('channel-name')).toContain(overview.channel.displayName);
        expect(await text('follower-count')).toBe(whole(overview.followers.current));
        expect(await text('subscriber-count')).toBe(whole(overview.subscribers.current));
        expect(await text('average-viewers')).toBe(oneDecimal(overview.averageViewers.current));
        expect(await text('hours-streamed')).toBe(hours(overview.hoursStreamed.current));

        // The follower chart: a drawn area has many points, not an empty or flat path.
        const area = await page.getByTestId('follower-area').getAttribute('d');
        expect((area ?? '').split(/[LC]/).length).toBeGreaterThan(20);

        // Viewership: one point per streamed day on both lines.
        const streamedDays = charts.viewership.filter((p) => p.peakViewers !== null).length;
        expect(streamedDays).toBeGreaterThan(2);
        const peak = await page.getByTestId('viewership-peak').getAttribute('d');
        expect((peak ?? '').split(/[LC]/).length).toBe(streamedDays);
        expect(await page.getByTestId('viewership-average').getAttribute('d')).toMatch(/\d/);

        // Sessions: the API's first page, newest first, with its title and numbers.
        const sessions = detailed.streams.items;
        // The demo history records its past streams through live polls, so several sessions show.
        expect(sessions.length).toBeGreaterThan(2);
        const rows = page.getByTestId('session-row');
        expect(await rows.count()).toBe(sessions.length);
        const firstRow = (await rows.first().textContent()) ?? '';
        expect(firstRow).toContain(
          must(
            must(sessions[0], 'sessions[0]').titles[must(sessions[0], 'sessions[0]').titles.length - 1],
            'sessions[0].titles[sessions[0].titles.length - 1]',
          ),
        );
        expect(firstRow).toContain(whole(must(sessions[0], 'sessions[0]').peakViewers));
        expect(await text('sessions-range')).toContain(`of ${whole(detailed.streams.total)}`);

        // Days pass at the simulator: the channel gains followers; Refresh collects and shows them.
        const before = overview.followers.current;
        must(system.simulator, 'system.simulator').clock.advance(2 * DAY_MS);
        await page.getByTestId('refresh-button').click();
        await page.locator('[data-testid="refresh-status"][data-phase="done"]').waitFor({ timeout: 60_000 });
        // The reload carried the refresh's consistency token and the server confirmed it had caught up.
        expect(await page.getByTestId('refresh-status').getAttribute('data-consistency')).toBe('fresh');
        expect(await text('refresh-status')).toMatch(/^Updated at /);
        const after = (await api<OverviewResponse>('/api/analytics/overview')).followers.current;
        expect(after).not.toBe(before);
        // No waiting, no reload: the card already shows the new total when the refresh says done.
        expect(await text('follower-count')).toBe(whole(after));
        expect(await page.getByTestId('refresh-error').count()).toBe(0);

        // A second refresh within the cooldown: the server answers 429, the page says when to retry.
        await page.getByTestId('refresh-button').click();
        await page.getByTestId('refresh-error').waitFor();
        expect(await text('refresh-error')).toMatch(/try again in \d+ s/);
        // The card keeps the fresh total.
        expect(await text('follower-count')).toBe(whole(after));

        await mkdir('artifacts', { recursive: true });
        await page.screenshot({ path: 'artifacts/dashboard-overview.png', fullPage: true });

        // Export: the streams CSV downloads (with the session's token) and holds the sessions shown.
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByTestId('export-streams').click(),
        ]);
        expect(download.suggestedFilename()).toMatch(/\.csv$/);
        const csv = await readFile(must(await download.path(), 'await download.path()'), 'utf8');
        expect(csv).toContain(
          must(
            must(sessions[0], 'sessions[0]').titles[must(sessions[0], 'sessions[0]').titles.length - 1],
            'sessions[0].titles[sessions[0].titles.length - 1]',
          ),
        );

        // Several channels: the picker switches the whole page to another one.
        const { connections } = await api<ConnectionsResponse>('/api/twitch/connections');
        expect(connections.length).toBeGreaterThan(1);
        const other = must(
          connections.find((c) => c.broadcasterId !== overview.channel.id),
          'connections.find((c) => c.broadcasterId !== overview.channel.id)',
        );
        await page.getByTestId('channel-picker').selectOption(other.broadcasterId);
        await page.waitForURL((url) => url.searchParams.get('channel') === other.broadcasterId);
        await page.getByTestId('channel-name').filter({ hasText: other.displayName }).waitFor();
        const otherOverview = await api<OverviewResponse>(`/api/analytics/overview?channel=${other.broadcasterId}`);
        expect(await text('follower-count')).toBe(whole(otherOverview.followers.current));

        // The only failed request is the refused second refresh (Chromium logs it as a console error).
        expect(errors.filter((e) => !/status of 429/.test(e))).toEqual([]);
      } finally {
        await browser.close();
      }
    },
  );
});
