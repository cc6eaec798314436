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

/**
 * Polls until `condition` holds, for long work that shows progress (a job collecting channel after
 * channel): fails only when `progress` (a count that grows as the work goes on) has not moved for
 * `stallMs`. A busy machine may make the work slow; only work that stopped moving fails.
 */
export async function waitWhileProgressing(
  condition: () => Promise<boolean>,
  progress: () => Promise<number>,
  what: string,
  { stallMs = CONDITION_DEADLINE_MS, pollMs = 1_000 } = {},
): Promise<void> {
  let last = await progress();
  let movedAt = Date.now();
  for (;;) {
    if (await condition()) return;
    const now = await progress();
    if (now !== last) {
      last = now;
      movedAt = Date.now();
    } else if (Date.now() - movedAt > stallMs) {
      throw new Error(
        `timed out waiting for ${what}: no progress for ${String(Math.round(stallMs / 1000))} s (at ${String(now)})`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
