import { SimulatedClock } from './clock.js';

describe('SimulatedClock', () => {
  test('sleeps resolve only when time is advanced past their wake time, in order', async () => {
    const clock = new SimulatedClock(0);
    const woke: number[] = [];
    void clock.sleep(200).then(() => woke.push(200));
    void clock.sleep(100).then(() => woke.push(100));
    expect(clock.pendingSleeps).toBe(2);
    clock.advance(150);
    await Promise.resolve();
    expect(woke).toEqual([100]);
    clock.advance(50);
    await Promise.resolve();
    expect(woke).toEqual([100, 200]);
    expect(clock.nowMs()).toBe(200);
  });

  test('set moves time anywhere, also backwards', () => {
    const clock = new SimulatedClock(Date.UTC(2026, 0, 1));
    clock.set(new Date(Date.UTC(2025, 9, 1)));
    expect(clock.now().toISOString()).toBe('2025-10-01T00:00:00.000Z');
  });

  test('in auto-advance mode each sleep moves time forward by its length at once', async () => {
    const clock = new SimulatedClock(1_000, { autoAdvance: true });
    await clock.sleep(500);
    expect(clock.nowMs()).toBe(1_500);
    await Promise.all([clock.sleep(300), clock.sleep(0)]);
    expect(clock.nowMs()).toBe(1_800);
  });

  test('following real time, set and advance shift the simulated present', () => {
    const clock = new SimulatedClock(Date.UTC(2026, 0, 1), { followRealTime: true });
    clock.advance(-90 * 86_400_000);
    expect(clock.nowMs()).toBeGreaterThanOrEqual(Date.UTC(2025, 9, 3));
    expect(clock.nowMs()).toBeLessThan(Date.UTC(2025, 9, 4));
  });
});
