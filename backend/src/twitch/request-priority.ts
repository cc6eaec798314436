/**
 * Whose turn it is at the rate limiter. Live polls, the daily job and user-triggered collections
 * run in the foreground (the default); a backfill runs its Helix calls inside `inBackground`, so
 * every limiter serves it only from the budget the foreground leaves over. The priority follows
 * the async calls made by the work, like the request counts in request-stats.ts.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export type RequestPriority = 'foreground' | 'background';

const priorities = new AsyncLocalStorage<RequestPriority>();

export function inBackground<T>(work: () => Promise<T>): Promise<T> {
  return priorities.run('background', work);
}

export const currentPriority = (): RequestPriority => priorities.getStore() ?? 'foreground';
