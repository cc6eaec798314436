import { allProjections } from '@creatorsync/projections';
import os from 'node:os';
import type { ParallelReplayConfig } from './partitioned-replay.js';

/**
 * How the application and the CLI replay: split by channel over as many worker threads as the
 * machine has cores (at least 2, at most 8), when the log is the Postgres one; on EventStoreDB a
 * replay runs in one thread.
 */
export function parallelReplayConfig(options: {
  databaseUrl: string;
  eventStoreConnectionString?: string;
  logLevel: string;
}): ParallelReplayConfig | undefined {
  if (options.eventStoreConnectionString) return undefined;
  return {
    databaseUrl: options.databaseUrl,
    partitions: Math.min(8, Math.max(2, os.availableParallelism())),
    logLevel: options.logLevel,
    workerProjections: allProjections,
  };
}
