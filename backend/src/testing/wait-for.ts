/** Polls until `condition` holds, or fails naming what it waited for (never asserts on time itself). */
export async function waitFor(
  condition: () => Promise<boolean>,
  what: string,
  { timeoutMs = 30_000, pollMs = 50 } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  throw new Error(`timed out waiting for ${what}`);
}
