import { backoffDelayMs, RetriesExhaustedError, withRetries } from './retry.js';

describe('backoffDelayMs', () => {
  const policy = { baseDelayMs: 100, maxDelayMs: 1_000 };
  test('doubles the ceiling per attempt up to the maximum', () => {
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffDelayMs(a, policy, () => 0.999_999))).toEqual([
      100, 200, 400, 800, 1_000, 1_000,
    ]);
  });
  test('full jitter: anywhere from 0 to the ceiling', () => {
    expect(backoffDelayMs(3, policy, () => 0)).toBe(0);
    expect(backoffDelayMs(3, policy, () => 0.5)).toBe(200);
  });
});

describe('withRetries', () => {
  const clock = { sleeps: [] as number[], sleep: (ms: number) => (clock.sleeps.push(ms), Promise.resolve()) };
  const policy = { attempts: 3, backoff: { baseDelayMs: 100, maxDelayMs: 150 }, clock, random: () => 0.999_999 };
  beforeEach(() => (clock.sleeps = []));

  test('tries again after a capped, jittered wait until the work succeeds', async () => {
    let calls = 0;
    const outcome = await withRetries((attempt) => {
      calls++;
      return attempt < 3 ? Promise.reject(new Error(`failure ${attempt}`)) : Promise.resolve('done');
    }, policy);
    expect(outcome).toEqual({ result: 'done', attempts: 3 });
    expect(calls).toBe(3);
    expect(clock.sleeps).toEqual([100, 150]);
  });

  test('gives up after the last attempt, naming the last failure and the attempts', async () => {
    const failing = withRetries(() => Promise.reject(new Error('still down')), policy);
    await expect(failing).rejects.toThrow(RetriesExhaustedError);
    await expect(withRetries(() => Promise.reject(new Error('still down')), policy)).rejects.toMatchObject({
      message: 'still down',
      attempts: 3,
    });
  });

  test('rethrows a failure that is not retryable at once', async () => {
    const notRetryable = new Error('bad request');
    await expect(withRetries(() => Promise.reject(notRetryable), { ...policy, retryable: () => false })).rejects.toBe(
      notRetryable,
    );
    expect(clock.sleeps).toEqual([]);
  });
});
