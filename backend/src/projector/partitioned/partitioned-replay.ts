/**
 * A replay split by channel: builds of projections that declare `parallel: 'by-channel'` replay
 * the log in N partitions at once, each in its own worker thread reading only its channels' share
 * of the log (replay-partition.ts), so a replay uses every core instead of one. Builds of other
 * projections replaying at the same time go whole into partition 0.
 *
 * The replay runs up to the head of the log as it was at the start. Each partition commits its rows
 * with its own checkpoint (projection_build_partitions), so a crash or a stop loses only what was
 * not committed, and the next run resumes each partition where it stopped. When every partition
 * of a build has reached the end, one transaction moves the build's checkpoint there and drops the
 * partition checkpoints: from then on the build is an ordinary one, and its runner follows the log
 * live from that position.
 *
 * Only for the Postgres log (the readers filter streams in SQL), and only for projections in
 * `allProjections` (a worker thread loads them by name).
 */
import type { Projection } from '@creatorsync/projections';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type pg from 'pg';
import { headPosition } from '../../event-store/postgres/postgres-reads.js';
import { formatPosition, type Position } from '../../event-store/position.js';
import type { Logger } from '../../logging/logger.js';
import type { CommitCadence } from '../build-applier.js';
import { findChannelDeal, handOverSplitReplay, storeChannelDeal, type ProjectionBuild } from '../projection-builds.js';
import type { PartitionReplayInput } from './replay-partition.js';
import { codeFingerprint } from '../code-fingerprint.js';
import { ReplayCodeMismatchError } from './replay-code-check.js';
import { CHANNEL_STREAM_PREFIX, dealChannels, type ChannelDeal } from './channel-partition.js';
import { must } from '../../must.js';

export interface ParallelReplayConfig {
  /** The application's database, where the Postgres log is; each partition's worker opens its own connections. */
  databaseUrl: string;
  /** How many partitions (worker threads) a replay uses: the cores the machine can give it. */
  partitions: number;
  logLevel: string;
  /**
   * The projections a worker thread can load (it imports its own copy of the code, and finds a
   * build's projection there by name): the application's `allProjections`. Others replay in one thread.
   */
  workerProjections: readonly Projection[];
}

export interface PartitionWorkerInput extends PartitionReplayInput {
  databaseUrl: string;
  logLevel: string;
}

export type PartitionWorkerMessage =
  | { kind: 'progress'; buildId: number; eventsApplied: number }
  | { kind: 'done' }
  | { kind: 'failed'; message: string; codeMismatch?: boolean };

export interface PartitionedBuild {
  projection: Projection;
  build: ProjectionBuild;
  /** Events applied so far, all partitions together. */
  onProgress?: (eventsProcessed: number) => void;
}

/**
 * The compiled worker script. Run from TypeScript sources (Jest), the compiled copy in dist/ is
 * used: a worker thread does not go through Jest's transform (`npm test` builds first).
 */
export function partitionWorkerScript(): URL {
  const script = new URL('./partition-replay.worker.js', import.meta.url.replace('/backend/src/', '/backend/dist/'));
  if (!existsSync(fileURLToPath(script)))
    throw new Error(`The replay worker script ${fileURLToPath(script)} is missing: run \`npm run build\` first`);
  return script;
}

export class PartitionedReplay {
  private readonly workers = new Set<Worker>();
  private stopped = false;
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly options: {
      pool: pg.Pool;
      config: ParallelReplayConfig;
      logger: Logger;
      pageSize: number;
      catchUpCommitEvery?: CommitCadence;
    },
    private readonly members: readonly PartitionedBuild[],
  ) {}

  /** Stops the workers; what they committed stays, and the next run resumes from it. (Each build's runner is this: called once per build.) */
  stop(): Promise<void> {
    this.stopped = true;
    this.stopping ??= Promise.all([...this.workers].map((w) => w.terminate())).then(() => undefined);
    return this.stopping;
  }

  /**
   * Replays up to the head of the log and hands each build over (its checkpoint moved there).
   * Rejects when a worker or the database failed, or on a stop; the partition checkpoints stay,
   * so running again resumes. A build that failed at an event is left failed, not handed over.
   * Returns the builds handed over.
   */
  async run(): Promise<Set<number>> {
    const { pool, config } = this.options;
    const upTo = await headPosition(pool);
    // Builds starting now share one deal; a build resuming keeps its own. Builds with the same deal share the workers.
    let fresh: string[][] | undefined;
    const byDeal = new Map<string, { deal: ChannelDeal; members: PartitionedBuild[] }>();
    for (const member of this.members) {
      let deal = await findChannelDeal(pool, member.build.buildId);
      if (!deal) {
        fresh ??= await dealByStreamSize(
          pool,
          config.partitions,
          this.members.some((m) => m.projection.parallel !== 'by-channel'),
        );
        deal = await storeChannelDeal(pool, member.build.buildId, fresh);
      }
      const key = JSON.stringify(deal);
      if (!byDeal.has(key)) byDeal.set(key, { deal, members: [] });
      must(byDeal.get(key), 'byDeal.get(key)').members.push(member);
    }
    if (upTo) {
      for (const { deal, members } of byDeal.values()) await this.runPartitions(deal, members, upTo);
    }
    const handedOver = new Set<number>();
    for (const { build } of this.members)
      if (await handOverSplitReplay(pool, build.buildId, upTo)) handedOver.add(build.buildId);
    this.options.logger.debug({ builds: [...handedOver] }, 'split replay handed over');
    return handedOver;
  }

  private async runPartitions(deal: ChannelDeal, members: PartitionedBuild[], upTo: Position): Promise<void> {
    const count = deal.length;
    const applied = new Map<number, number[]>(members.map((m) => [m.build.buildId, new Array<number>(count).fill(0)]));
    const onProgress = new Map(members.map((m) => [m.build.buildId, m.onProgress]));
    const runs = Array.from({ length: count }, (_, index) =>
      this.runWorker(
        {
          databaseUrl: this.options.config.databaseUrl,
          logLevel: this.options.config.logLevel,
          partition: { index, deal },
          upTo: formatPosition(upTo),
          builds: members.map((m) => ({
            projection: m.projection.name,
            version: m.projection.version,
            fingerprint: codeFingerprint(m.projection),
            buildId: m.build.buildId,
          })),
          pageSize: this.options.pageSize,
          catchUpCommitEvery: this.options.catchUpCommitEvery,
        },
        (buildId, events) => {
          const perPartition = applied.get(buildId);
          if (!perPartition) return;
          perPartition[index] = events;
          onProgress.get(buildId)?.(perPartition.reduce((a, b) => a + b, 0));
        },
      ),
    );
    try {
      await Promise.all(runs);
    } catch (error) {
      // One partition failed: the others stop too (they keep what they committed).
      await this.stop();
      throw error;
    }
  }

  private runWorker(
    input: PartitionWorkerInput,
    onProgress: (buildId: number, eventsApplied: number) => void,
  ): Promise<void> {
    if (this.stopped) return Promise.reject(new Error('replay stopped'));
    // A larger young generation: a replay allocates many short-lived objects (rows read and parsed,
    // decoded events); reading and decoding a partition took about 15% less CPU with 64 MB, and the
    // whole replay about 3% less again with 128 MB.
    const worker = new Worker(partitionWorkerScript(), {
      workerData: input,
      resourceLimits: { maxYoungGenerationSizeMb: 128 },
    });
    this.workers.add(worker);
    const label = `partition ${input.partition.index} of ${input.partition.deal.length}`;
    const started = performance.now();
    return new Promise<void>((resolve, reject) => {
      let done = false;
      worker.on('message', (message: PartitionWorkerMessage) => {
        if (message.kind === 'progress') onProgress(message.buildId, message.eventsApplied);
        else if (message.kind === 'done') done = true;
        else if (message.codeMismatch)
          reject(new ReplayCodeMismatchError(`replay ${label} stopped: ${message.message}`));
        else reject(new Error(`replay ${label} failed: ${message.message}`));
      });
      worker.on('error', (error) => reject(new Error(`replay ${label} failed: ${error.message}`)));
      worker.on('exit', (code) => {
        this.workers.delete(worker);
        if (done) {
          this.options.logger.debug(
            { partition: label, ms: Math.round(performance.now() - started), builds: input.builds.length },
            'partition replayed',
          );
          resolve();
        } else
          reject(
            new Error(
              this.stopped
                ? `replay ${label} stopped`
                : `replay ${label}: its worker thread stopped (exit code ${code})`,
            ),
          );
      });
    }).finally(() => {
      if (this.workers.has(worker)) void worker.terminate();
    });
  }
}

/**
 * Deals the channels by how many events their streams hold (the event store keeps each stream's
 * revision); with builds replayed whole, partition 0 starts with (half) the other streams' events.
 */
async function dealByStreamSize(pool: pg.Pool, partitions: number, withWhole: boolean): Promise<string[][]> {
  const { rows } = await pool.query<{ channel: string | null; events: number }>(
    `SELECT CASE WHEN stream_id ^@ $1 THEN substr(stream_id, length($1) + 1) END AS channel, (revision + 1)::float8 AS events FROM streams`,
    [CHANNEL_STREAM_PREFIX],
  );
  const others = rows.filter((r) => r.channel === null).reduce((sum, r) => sum + r.events, 0);
  const channels = new Map(rows.filter((r) => r.channel !== null).map((r) => [must(r.channel, 'r.channel'), r.events]));
  // A job's, game's or account's event costs about half of a channel's to replay (measured on the
  // benchmark's log: with full weight, partition 0 finished 5% early).
  return dealChannels(channels, partitions, withWhole ? [others / 2] : []);
}
