/**
 * The dashboard in a real browser against the real system: sign in locally as the demo user, and
 * check that the follower card and the growth chart render with the recorded data. Saves a
 * screenshot to artifacts/dashboard-overview.png.
 */
import { mkdir } from 'node:fs/promises';
import { startTestSystem, type TestSystem } from '../../backend/src/testing/start-test-system.js';
import { chromiumAvailable, collectPageErrors, launchBrowser, signInLocal } from './browser.js';

const title = 'dashboard shows the follower card and growth chart with data';
// Without Debian's Chromium the test cannot run; it is reported as skipped, by name, with the reason.
const browserTest = chromiumAvailable() ? test : test.skip;

describe('dashboard in Chromium', () => {
  let system: TestSystem | undefined;
  afterAll(() => system?.stop());

  browserTest(chromiumAvailable() ? title : `${title} — skipped: /usr/bin/chromium is not installed (apt-get install chromium)`, async () => {
    system = await startTestSystem();
    await system.demoReady;
    await system.projectionsCaughtUp();
    const overview = await (await system.get('/api/analytics/overview', await system.token('demo'))).json();
    const expected = new Intl.NumberFormat('en-US').format(overview.followers.current);

    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors = collectPageErrors(page);
      await signInLocal(page, system.url);
      await page.getByTestId('follower-area').waitFor();
      expect(await page.getByTestId('follower-count').textContent()).toContain(expected);
      const area = await page.getByTestId('follower-area').getAttribute('d');
      // A drawn area has many points, not an empty or flat path.
      expect((area ?? '').split(/[LC]/).length).toBeGreaterThan(20);
      expect(await page.getByTestId('channel-name').textContent()).toContain(overview.channel.displayName);
      await mkdir('artifacts', { recursive: true });
      await page.screenshot({ path: 'artifacts/dashboard-overview.png', fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
