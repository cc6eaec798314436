/** The worker thread of one partition of a replay split by channel (see partitioned-replay.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { createPool } from '../../database/create-pool.js';
import { createLogger } from '../../logging/logger.js';
import type { PartitionWorkerInput, PartitionWorkerMessage } from './partitioned-replay.js';
import { ReplayCodeMismatchError } from './replay-code-check.js';
import { replayPartition } from './replay-partition.js';
import { must } from '../../must.js';

const input = workerData as PartitionWorkerInput;
const post = (message: PartitionWorkerMessage) => must(parentPort, 'parentPort').postMessage(message);
const logger = createLogger(input.logLevel).child({
  partition: `${input.partition.index}/${input.partition.deal.length}`,
});
// Enough for the page read ahead and every build committing at once.
// Commits do not wait for their WAL to reach the disk: each writes rows and checkpoint together, so
// a database crash can only lose whole recent commits, and the partition resumes before them.
const pool = createPool(withOptions(input.databaseUrl, '-c synchronous_commit=off'), {
  max: input.builds.length + 2,
  onError: (err) => logger.warn({ err }, 'database connection lost'),
});

// Progress at most every 200 ms (and at the end): posting it for every page and build cost 1% of the worker's time.
const latest = new Map<number, number>();
let lastPosted = 0;
const postProgress = () => {
  for (const [buildId, eventsApplied] of latest) post({ kind: 'progress', buildId, eventsApplied });
  latest.clear();
  lastPosted = performance.now();
};
replayPartition(pool, input, logger, (buildId, eventsApplied) => {
  latest.set(buildId, eventsApplied);
  if (performance.now() - lastPosted >= 200) postProgress();
})
  .then(
    () => {
      postProgress();
      post({ kind: 'done' });
    },
    (error: unknown) =>
      post({
        kind: 'failed',
        message: error instanceof Error ? error.message : String(error),
        codeMismatch: error instanceof ReplayCodeMismatchError,
      }),
  )
  .finally(() => pool.end().catch(() => undefined));

function withOptions(url: string, options: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', [parsed.searchParams.get('options'), options].filter(Boolean).join(' '));
  return parsed.toString();
}
