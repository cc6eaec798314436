/** How collection runs, from the validated configuration (see config/app-config.ts). */
import type { AppConfig } from '../config/app-config.js';
import type { BackoffPolicy } from '../retry.js';

export const COLLECTION_OPTIONS = Symbol('CollectionOptions');

export interface CollectionOptions {
  /** Cron expression (UTC) of the daily collection of every connected channel. */
  dailyCron: string;
  /** Minutes between live polls of connected channels; 0 turns live polling off. */
  livePollMinutes: number;
  /** Per user and endpoint: seconds before trigger/refresh/daily may be asked again. */
  cooldownSeconds: number;
  /** Channels collected at once; between batches the job waits a random jitter. */
  batchSize: number;
  maxJitterMs: number;
  /** Tries per channel (the Helix client's own retries come on top of these). */
  attempts: number;
  /** Between a channel's tries: the configured base, doubling, capped at a minute. */
  backoff: BackoffPolicy;
}

export function collectionOptionsFrom(config: AppConfig): CollectionOptions {
  return {
    dailyCron: config.collection.dailyCron,
    livePollMinutes: config.collection.livePollMinutes,
    cooldownSeconds: config.collection.cooldownSeconds,
    batchSize: 10,
    maxJitterMs: config.collection.jitterMs,
    attempts: 3,
    backoff: { baseDelayMs: config.collection.retryBackoffMs, maxDelayMs: 60_000 },
  };
}
