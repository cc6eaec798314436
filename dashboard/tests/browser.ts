/**
 * Browser harness for end-to-end tests of the dashboard: Debian's Chromium driven by
 * playwright-core (no browser download). Install it with `apt-get install -y chromium`.
 *
 *   if (!chromiumAvailable()) skip;
 *   const browser = await launchBrowser();
 *   const page = await browser.newPage();
 *   await signInLocal(page, baseUrl);            // lands on the overview
 *   await page.getByTestId('follower-area').waitFor();
 *   await browser.close();
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type LaunchOptions, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags for a quiet, sandbox-free headless run that touches no network but the app's. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/** Whether Debian's Chromium is installed, so tests can skip instead of failing. */
export function chromiumAvailable(path: string = CHROMIUM_PATH): boolean {
  return existsSync(path);
}

export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  if (!chromiumAvailable()) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}; install it with: apt-get install -y chromium`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    ...options,
  });
}

/**
 * Signs in through the local-mode form, as a person would, and waits for the overview.
 * `baseUrl` is the backend's origin, e.g. http://127.0.0.1:8080.
 */
export async function signInLocal(
  page: Page,
  baseUrl: string,
  userId = 'demo',
  landsOn: readonly string[] = ['/'],
  /** Tick "Sign in as an admin" (the local sign-in's admin role); an admin lands on /admin. */
  admin = false,
): Promise<void> {
  await page.goto(new URL('/sign-in', baseUrl).href);
  await page.getByTestId('sign-in-user').fill(userId);
  if (admin) await page.getByTestId('sign-in-admin').check();
  await page.getByTestId('sign-in-submit').click();
  await page.waitForURL((url) => landsOn.includes(url.pathname));
}

/**
 * Collects uncaught page errors, console errors and Content-Security-Policy violations (reported
 * by the page itself, so none goes unseen even if the browser logs it quietly), for asserting a
 * clean run.
 */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  void page.exposeFunction('__reportCspViolation', (text: string) => errors.push(text));
  void page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __reportCspViolation: (text: string) => void }).__reportCspViolation;
      report(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sample})`);
    });
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}
