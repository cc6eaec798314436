/** The worker thread of one partition of a replay split by channel (see partitioned-replay.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { createPool } from '../../database/create-pool.js';
import { createLogger } from '../../logging/logger.js';
import type { PartitionWorkerInput, PartitionWorkerMessage } from './partitioned-replay.js';
import { replayPartition } from './replay-partition.js';

const input = workerData as PartitionWorkerInput;
const post = (message: PartitionWorkerMessage) => parentPort!.postMessage(message);
const logger = createLogger(input.logLevel).child({ partition: `${input.partition.index}/${input.partition.count}` });
// Enough for the page read ahead and every build committing at once.
const pool = createPool(input.databaseUrl, { max: input.builds.length + 2, onError: (err) => logger.warn({ err }, 'database connection lost') });

replayPartition(pool, input, logger, (buildId, eventsApplied) => post({ kind: 'progress', buildId, eventsApplied }))
  .then(
    () => post({ kind: 'done' }),
    (error: unknown) => post({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
  )
  .finally(() => pool.end().catch(() => undefined));
