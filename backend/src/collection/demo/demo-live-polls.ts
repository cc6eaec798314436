/**
 * When the demo's live polls would have run in a stretch of the past: the daily collection alone
 * sees a stream only if it happens to run during one, so the demo would have no stream sessions.
 * Polls every POLL_EVERY_MS of each stream (from a minute after it started) and once a minute
 * after it ended, so the stream's samples and its end are recorded as scheduled polling would.
 */
export const DEMO_LIVE_POLL_EVERY_MS = 30 * 60_000;
const MINUTE_MS = 60_000;

export interface PastStream {
  startMs: number;
  endMs: number;
}

/** Sorted, distinct poll times within [fromMs, toMs). */
export function demoLivePollTimes(
  streams: readonly PastStream[],
  fromMs: number,
  toMs: number,
  everyMs = DEMO_LIVE_POLL_EVERY_MS,
): number[] {
  const times = new Set<number>();
  for (const stream of streams) {
    for (let t = stream.startMs + MINUTE_MS; t < stream.endMs; t += everyMs) times.add(t);
    times.add(stream.endMs + MINUTE_MS);
  }
  return [...times].filter((t) => t >= fromMs && t < toMs).sort((a, b) => a - b);
}
