import { walkClipWindows, type TimeWindow } from './clip-windows.js';

const HOUR = 3_600_000;

describe('walkClipWindows', () => {
  // A fake Helix that returns at most 3 clips per window, most viewed first.
  const clipTimes = [1, 2, 3, 4, 5, 6, 7, 8].map((h) => h * HOUR + 60_000);
  const capped = (w: TimeWindow) =>
    Promise.resolve(
      clipTimes
        .filter((t) => t >= w.start.getTime() && t < w.end.getTime())
        .slice(0, 3)
        .map((t) => ({ id: String(t) })),
    );

  test('splits windows that hit the cap until every clip is found', async () => {
    const windows: TimeWindow[] = [];
    const found = await walkClipWindows(
      { start: new Date(0), end: new Date(10 * HOUR) },
      async (w) => {
        windows.push(w);
        return capped(w);
      },
      (c) => c.id,
      { capThreshold: 3, minWindowMs: HOUR / 2 },
    );
    expect(found.map((c) => Number(c.id)).sort((a, b) => a - b)).toEqual(clipTimes);
    expect(windows.length).toBeGreaterThan(1);
  });

  test('a window under the cap costs one query', async () => {
    let calls = 0;
    await walkClipWindows(
      { start: new Date(0), end: new Date(2 * HOUR + 1) },
      async (w) => {
        calls++;
        return capped(w);
      },
      (c) => c.id,
      { capThreshold: 3, minWindowMs: HOUR },
    );
    expect(calls).toBe(1);
  });
});
