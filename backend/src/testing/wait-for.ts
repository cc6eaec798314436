import { CONDITION_DEADLINE_MS } from './deadlines.js';

/** Polls until `condition` holds, or fails naming what it waited for (never asserts on time itself). */
export async function waitFor(
  condition: () => Promise<boolean>,
  what: string,
  { timeoutMs = CONDITION_DEADLINE_MS, pollMs = 50 } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  throw new Error(`timed out waiting for ${what}`);
}
