/**
 * One partition of a replay split by channel: reads its channels' events of the log up to the
 * replay's end position, decodes them, applies them to each build (rows in memory, committed with
 * the partition's own checkpoint, as BuildApplier does in any catch-up), and at the end moves each
 * partition checkpoint to the end position. Runs in a worker thread (partition-replay.worker.ts);
 * it is a plain function so tests can also run it here.
 */
import { allProjections } from '@creatorsync/projections';
import type pg from 'pg';
import { comparePositions, parsePosition, type Position } from '../../event-store/position.js';
import type { Logger } from '../../logging/logger.js';
import { BuildApplier, decodeRecorded, type CommitCadence, type DecodeOutcome } from '../build-applier.js';
import { findBuild } from '../projection-builds.js';
import { CHANNEL_STREAM_PREFIX, partitionOfEvent, type ChannelPartition } from './channel-partition.js';
import { readPartition, type ReplayedEvent } from './partition-reader.js';

export interface PartitionReplayInput {
  partition: ChannelPartition;
  /** The replay's end: the head of the log when it started (formatted position). */
  upTo: string;
  /** Builds of projections in `allProjections` (a worker can only load those), by name. */
  builds: Array<{ projection: string; buildId: number }>;
  pageSize: number;
  catchUpCommitEvery?: CommitCadence;
}

export async function replayPartition(
  pool: pg.Pool,
  input: PartitionReplayInput,
  logger: Logger,
  onProgress: (buildId: number, eventsApplied: number) => void,
): Promise<void> {
  const { partition } = input;
  const upTo = parsePosition(input.upTo);
  const appliers: BuildApplier[] = [];
  for (const { projection: name, buildId } of input.builds) {
    const projection = allProjections.find((p) => p.name === name);
    if (!projection) throw new Error(`Projection ${name} is not in the catalogue a replay worker can load`);
    const build = await findBuild(pool, buildId);
    if (!build || build.state === 'failed' || build.state === 'retired') continue;
    const { rows } = await pool.query(
      `SELECT checkpoint_commit::text AS c, checkpoint_prepare::text AS p, events_processed::text AS n FROM projection_build_partitions
       WHERE build_id = $1 AND partition_index = $2 AND partition_count = $3`,
      [buildId, partition.index, partition.count],
    );
    if (!rows[0]) throw new Error(`Build ${buildId} has no checkpoint for partition ${partition.index} of ${partition.count}`);
    const checkpoint = rows[0].c === null ? null : { commit: BigInt(rows[0].c), prepare: BigInt(rows[0].p) };
    appliers.push(new BuildApplier({
      pool, projection, build, logger, catchUpCommitEvery: input.catchUpCommitEvery,
      partition: { ...partition, checkpoint, eventsProcessed: Number(rows[0].n) },
    }));
  }
  if (appliers.length === 0) return;

  const types = [...new Set(appliers.flatMap((a) => [...a.handles]))];
  const after = appliers.map((a) => a.position).reduce<Position | null | undefined>((min, p) => (min === undefined ? p : earliest(min, p)), undefined) ?? null;
  if (after === null || comparePositions(after, upTo) < 0) {
    for await (const page of readPartition(pool, { partition, types, after, upTo, pageSize: input.pageSize })) {
      const { events, outcomes } = ownEvents(page, partition);
      for (const applier of appliers) {
        if (applier.stoppedBecause) continue;
        const position = applier.position;
        const mine: ReplayedEvent[] = [];
        const decoded: DecodeOutcome[] = [];
        for (let i = 0; i < events.length; i++) {
          const e = events[i]!;
          if (!applier.handles.has(e.type) || (position && comparePositions(e.position, position) <= 0)) continue;
          mine.push(e);
          decoded.push(outcomes[i]!);
        }
        if (mine.length > 0) await applier.apply(mine, decoded, 'catch-up');
        onProgress(applier.buildId, applier.eventsApplied);
      }
      if (appliers.every((a) => a.stoppedBecause)) break;
    }
  }
  // The builds' last commits at once, each on its own connection: the database writes them side by side.
  await Promise.all(
    appliers.map(async (applier) => {
      if (applier.stoppedBecause) return;
      await applier.finishPartitionAt(upTo);
      onProgress(applier.buildId, applier.eventsApplied);
    }),
  );
}

/** This partition's events of a page (the reader also returns events of streams that are not channels'), each decoded. */
function ownEvents(page: ReplayedEvent[], partition: ChannelPartition): { events: ReplayedEvent[]; outcomes: DecodeOutcome[] } {
  const events: ReplayedEvent[] = [];
  const outcomes: DecodeOutcome[] = [];
  for (const event of page) {
    const owner = partitionOfEvent(event, partition.count);
    if (typeof owner === 'number') {
      if (owner !== partition.index) {
        // The reader fetched only this partition's channel streams: one of them computed otherwise here would be lost.
        if (event.streamId.startsWith(CHANNEL_STREAM_PREFIX)) throw new Error(`Partition ${partition.index}/${partition.count} read ${event.streamId}, which it computes as partition ${owner}`);
        continue;
      }
      events.push(event);
      outcomes.push(decodeRecorded(event));
    } else {
      // Refused in the partition that reads its stream: the build stops at it with the reason.
      events.push(event);
      outcomes.push({ error: new Error(`Event ${event.id} (${event.type}): ${owner.mismatch}`) });
    }
  }
  return { events, outcomes };
}

function earliest(a: Position | null, b: Position | null): Position | null {
  if (a === null || b === null) return null;
  return comparePositions(a, b) <= 0 ? a : b;
}
