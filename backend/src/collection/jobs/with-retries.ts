/** Tries `work` up to `attempts` times, waiting an exponential backoff with full jitter between tries. */
import type { Clock } from '../../clock.js';

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
  attempts: number;
  backoffBaseMs: number;
  clock: Clock;
  random?: () => number;
}

export function backoffMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
  return Math.round(random() * baseMs * 2 ** (attempt - 1));
}

export async function withRetries<T>(
  work: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
): Promise<{ result: T; attempts: number }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return { result: await work(attempt), attempts: attempt };
    } catch (error) {
      if (attempt >= policy.attempts) throw new RetriesExhaustedError(error, attempt);
      await policy.clock.sleep(backoffMs(attempt, policy.backoffBaseMs, policy.random));
    }
  }
}
