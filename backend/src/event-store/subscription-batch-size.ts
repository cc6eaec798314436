import type { SubscribeToAllOptions } from './event-store.port.js';

const DEFAULT_MAX_BATCH_SIZE = 1000;

/** The batch size a subscription yields at most, the same default and check for both adapters. */
export function subscriptionBatchSize(options: SubscribeToAllOptions): number {
  const size = options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE;
  if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`maxBatchSize must be at least 1, got ${size}`);
  return size;
}
