/**
 * The one way this code retries: capped exponential backoff with full jitter (the delay before
 * retry n is uniform in [0, min(max, base·2^(n-1))]), so many clients never retry in step and no
 * wait grows without bound. `withRetries` runs the loop; loops that must keep their own shape (the
 * Helix client's axios-retry, the projection runner, the PostgreSQL supervisor) take their delays
 * from `backoffDelayMs`.
 */
import type { Clock } from './clock.js';

export interface BackoffPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseDelayMs: 500, maxDelayMs: 30_000 };

/** Delay before retry number `attempt` (1 = first retry): uniform in [0, min(max, base·2^(attempt-1))]. */
export function backoffDelayMs(
  attempt: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(random() * ceiling);
}

export class RetriesExhaustedError extends Error {
  constructor(
    readonly lastError: unknown,
    readonly attempts: number,
  ) {
    super(lastError instanceof Error ? lastError.message : String(lastError));
    this.name = 'RetriesExhaustedError';
  }
}

export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  backoff: BackoffPolicy;
  /** Whose sleep waits between tries (simulated time in tests). */
  clock: Pick<Clock, 'sleep'>;
  /** Whether a failure is worth another try; one that is not is rethrown as it is. Default: every failure. */
  retryable?: (error: unknown) => boolean;
  random?: () => number;
}

/**
 * Runs `work` until it succeeds or `policy.attempts` tries have failed (then RetriesExhaustedError,
 * carrying the last failure and the number of tries).
 */
export async function withRetries<T>(
  work: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
): Promise<{ result: T; attempts: number }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return { result: await work(attempt), attempts: attempt };
    } catch (error) {
      if (policy.retryable && !policy.retryable(error)) throw error;
      if (attempt >= policy.attempts) throw new RetriesExhaustedError(error, attempt);
      await policy.clock.sleep(backoffDelayMs(attempt, policy.backoff, policy.random));
    }
  }
}
