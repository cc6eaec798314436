/**
 * What every dashboard route must pass in the browser tests, measured from the page itself:
 * no horizontal overflow, zero serious or critical axe-core violations, and every visible control
 * reachable with the Tab key.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Pixels the page is wider than its viewport (0 when nothing overflows sideways). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** axe-core's serious and critical violations, one line each (rule, impact, first offending targets). */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, not as a <script> tag: the app's Content-Security-Policy
  // (rightly) refuses inline scripts, and the tests check that it does.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (o: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    interface AxeViolation {
      id: string;
      impact: string | null;
      nodes: Array<{ target: unknown[] }>;
    }
    const result = await axe.run({ resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.targets.join(', ')}`);
}

/**
 * Tabs through the page from the top and returns the visible, enabled controls the focus never
 * reached (described by tag, test id or text). Empty means every control is keyboard-reachable.
 */
export async function controlsNotReachedByTab(page: Page): Promise<string[]> {
  const count = await page.evaluate(() => {
    const selector =
      'a[href], button:not([disabled]), select:not([disabled]), input:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';
    const visible = [...document.querySelectorAll<HTMLElement>(selector)].filter((el) => {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && !el.closest('[inert],[hidden]');
    });
    visible.forEach((el, i) => (el.dataset.tabProbe = String(i)));
    (document.activeElement as HTMLElement | null)?.blur();
    return visible.length;
  });
  const reached = new Set<string>();
  // Twice the controls, plus a margin: a tab order that cycles still meets each one.
  for (let i = 0; i < count * 2 + 5 && reached.size < count; i++) {
    await page.keyboard.press('Tab');
    const probe = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.tabProbe ?? null);
    if (probe !== null) reached.add(probe);
  }
  return page.evaluate(
    (seen) => {
      const missed = [...document.querySelectorAll<HTMLElement>('[data-tab-probe]')].filter(
        (el) => !seen.includes(el.dataset.tabProbe ?? ''),
      );
      return missed.map(
        (el) => `${el.tagName.toLowerCase()} ${el.dataset.testid ?? el.textContent.trim().slice(0, 40)}`,
      );
    },
    [...reached],
  );
}
