import { summarize } from './api-load.js';
import { OpenLoopSchedule, SocketPool, percentile } from './api-schedule.js';

describe('percentile (nearest rank)', () => {
  const hundred = Float64Array.from({ length: 100 }, (_, i) => i + 1);

  it('is the smallest value that the given share of samples does not exceed', () => {
    expect(percentile(hundred, 0.5)).toBe(50);
    expect(percentile(hundred, 0.99)).toBe(99);
    expect(percentile(hundred, 1)).toBe(100);
    expect(percentile(hundred, 0)).toBe(1);
    expect(percentile([7], 0.99)).toBe(7);
    expect(percentile([1, 2, 3], 0.5)).toBe(2);
  });

  it('is NaN without samples', () => {
    expect(percentile([], 0.5)).toBeNaN();
  });
});

describe('summarize', () => {
  it('merges rounds: requests per second over their seconds, percentiles over all latencies', () => {
    const result = summarize([
      {
        latenciesMs: Float64Array.from([3, 1]),
        seconds: 1,
        failures: { '429': 1 },
        sendLagMs: Float64Array.from([0.5]),
        sockets: 4,
      },
      {
        latenciesMs: Float64Array.from([2, 10]),
        seconds: 1,
        failures: { '429': 2, '0': 1 },
        sendLagMs: Float64Array.from([2]),
        sockets: 6,
      },
    ]);
    expect(result).toEqual({
      requests: 4,
      seconds: 2,
      perSecond: 2,
      p50Ms: 2,
      p99Ms: 10,
      maxMs: 10,
      failures: { '429': 3, '0': 1 },
      sendLagP99Ms: 2,
      sockets: 6,
    });
  });

  it('leaves the open-loop figures out of a closed-loop measurement', () => {
    const result = summarize([{ latenciesMs: Float64Array.from([1]), seconds: 1, failures: {} }]);
    expect(result).not.toHaveProperty('sendLagP99Ms');
    expect(result).not.toHaveProperty('sockets');
  });
});

describe('open-loop schedule', () => {
  it('is due at a fixed interval, warm-up first, whatever the time it is asked at', () => {
    const schedule = new OpenLoopSchedule(200, 0.01, 0.02); // every 5 ms for 30 ms
    expect(schedule.total).toBe(6);
    expect(schedule.due(-1)).toEqual([]);
    expect(schedule.due(0)).toEqual([0]);
    expect(schedule.due(4.9)).toEqual([]);
    expect(schedule.nextDueAt()).toBe(5);
    // A sender that wakes late gets every missed request, each with its own due time.
    expect(schedule.due(17)).toEqual([5, 10, 15]);
    expect(schedule.due(1000)).toEqual([20, 25]);
    expect(schedule.nextDueAt()).toBeUndefined();
    expect(schedule.due(2000)).toEqual([]);
  });

  it('measures the requests due after the warm-up and within the measured time', () => {
    const schedule = new OpenLoopSchedule(200, 0.01, 0.02);
    const due = schedule.due(Infinity);
    expect(due.filter((at) => schedule.measured(at))).toEqual([10, 15, 20, 25]);
    expect(schedule.measured(30)).toBe(false);
  });

  it('keeps the rate over long runs (no drift from rounding)', () => {
    const schedule = new OpenLoopSchedule(3, 0, 1000);
    expect(schedule.total).toBe(3000);
    expect(schedule.dueAt(2999)).toBeCloseTo(999_666.667, 2);
    expect(schedule.due(500_000)).toHaveLength(1501);
  });

  it('refuses a rate that is not above 0', () => {
    expect(() => new OpenLoopSchedule(0, 0, 1)).toThrow(/above 0/);
    expect(() => new OpenLoopSchedule(NaN, 0, 1)).toThrow(/above 0/);
  });
});

describe('open-loop socket pool', () => {
  it('reuses an idle socket, opens new ones up to the limit, then queues requests in order', () => {
    let opened = 0;
    const pool = new SocketPool<string, number>(() => `socket ${++opened}`, 2);
    expect(pool.acquire(0)).toBe('socket 1');
    expect(pool.release('socket 1')).toBeUndefined();
    expect(pool.acquire(1)).toBe('socket 1');
    expect(pool.acquire(2)).toBe('socket 2');
    expect(pool.acquire(3)).toBeUndefined();
    expect(pool.acquire(4)).toBeUndefined();
    expect(pool.queued).toBe(2);
    expect(pool.mostWaiting).toBe(2);
    // A released socket goes to the longest-waiting request before it is idle again.
    expect(pool.release('socket 2')).toBe(3);
    expect(pool.release('socket 1')).toBe(4);
    expect(pool.release('socket 2')).toBeUndefined();
    expect(pool.acquire(5)).toBe('socket 2');
    expect(pool.opened).toBe(2);
    expect(opened).toBe(2);
  });
});
