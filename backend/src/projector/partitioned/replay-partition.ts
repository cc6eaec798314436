/**
 * One partition of a replay split by channel: reads its channels' events of the log up to the
 * replay's end position, decodes them, applies them to each build (rows in memory, committed with
 * the partition's own checkpoint, as BuildApplier does in any catch-up), and at the end moves each
 * partition checkpoint to the end position. Builds of projections that are not split by channel
 * (job history, games, account links: small) replay whole in partition 0, which then also reads
 * every event of their types; in the other partitions they only have their checkpoint moved. Runs in a worker thread (partition-replay.worker.ts);
 * it is a plain function so tests can also run it here.
 */
import { allProjections } from '@creatorsync/projections';
import type pg from 'pg';
import { comparePositions, parsePosition, type Position } from '../../event-store/position.js';
import type { Logger } from '../../logging/logger.js';
import {
  BuildApplier,
  decodeRecorded,
  ignoreBuildStopped,
  type CommitCadence,
  type DecodeOutcome,
} from '../build-applier.js';
import { findBuild, loadCheckpoint } from '../projection-builds.js';
import { partitionOfEvent, partitionsByChannel, type ChannelPartition } from './channel-partition.js';
import { readPartition, type ReplayedEvent } from './partition-reader.js';
import { assertSameCode, type ExpectedCode } from './replay-code-check.js';
import { must } from '../../must.js';

/**
 * Commits less often than a catch-up in one thread: each commit rewrites every row changed since the
 * last, and on 2 cores the database's share of that work slowed the threads down (the benchmark's
 * replay took 15.5 s instead of 16.3-17.1 s with the default 100,000 events / 2 s).
 */
const SPLIT_COMMIT_EVERY: CommitCadence = { events: 250_000, ms: 5_000 };

export interface PartitionReplayInput {
  partition: ChannelPartition;
  /** The replay's end: the head of the log when it started (formatted position). */
  upTo: string;
  /** Builds of projections in `allProjections` (a worker can only load those), by name, with the code the starting process runs. */
  builds: Array<ExpectedCode & { buildId: number }>;
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
  /** Builds replayed whole, in partition 0 (elsewhere they have nothing to apply). */
  const whole = new Set<BuildApplier>();
  const inert: BuildApplier[] = [];
  for (const expected of input.builds) {
    const { projection: name, buildId } = expected;
    const projection = allProjections.find((p) => p.name === name);
    if (!projection) throw new Error(`Projection ${name} is not in the catalogue a replay worker can load`);
    assertSameCode(projection, expected);
    const build = await findBuild(pool, buildId);
    if (!build || build.state === 'failed' || build.state === 'retired') continue;
    const start = await loadCheckpoint(pool, buildId, partition.index);
    if (!start)
      throw new Error(
        `Build ${buildId} has no checkpoint for partition ${partition.index} of ${partition.deal.length}`,
      );
    const applier = new BuildApplier({
      pool,
      projection,
      build,
      logger,
      catchUpCommitEvery: input.catchUpCommitEvery ?? SPLIT_COMMIT_EVERY,
      partition: { index: partition.index, checkpoint: start.position, eventsProcessed: start.events },
    });
    if (projection.parallel === 'by-channel') appliers.push(applier);
    else if (partition.index === 0) {
      appliers.push(applier);
      whole.add(applier);
    } else inert.push(applier);
  }

  const owners = partitionsByChannel(partition.deal);
  const types = [...new Set(appliers.filter((a) => !whole.has(a)).flatMap((a) => [...a.handles]))];
  const wholeTypes = [...new Set([...whole].flatMap((a) => [...a.handles]))];
  const after =
    appliers
      .map((a) => a.position)
      .reduce<Position | null | undefined>((min, p) => (min === undefined ? p : earliest(min, p)), undefined) ?? null;
  if (appliers.length > 0 && (after === null || comparePositions(after, upTo) < 0)) {
    for await (const page of readPartition(pool, {
      partition,
      types,
      wholeTypes,
      after,
      upTo,
      pageSize: input.pageSize,
    })) {
      const { events, outcomes, byChannel } = ownEvents(page, partition.index, owners);
      for (const applier of appliers) {
        if (applier.stoppedBecause) continue;
        const position = applier.position;
        const split = !whole.has(applier);
        const mine: ReplayedEvent[] = [];
        const decoded: DecodeOutcome[] = [];
        for (let i = 0; i < events.length; i++) {
          const e = must(events[i], 'events[i]');
          if (!applier.handles.has(e.type) || (position && comparePositions(e.position, position) <= 0)) continue;
          if (!split) decoded.push(must(outcomes[i], 'outcomes[i]'));
          else if (byChannel[i] !== undefined) decoded.push(must(byChannel[i], 'byChannel[i]'));
          else continue;
          mine.push(e);
        }
        // A build that stops here is skipped from now on; the others go on.
        if (mine.length > 0) await applier.apply(mine, decoded, 'catch-up').catch(ignoreBuildStopped);
        onProgress(applier.buildId, applier.eventsApplied);
      }
      if (appliers.every((a) => a.stoppedBecause)) break;
    }
  }
  // The builds' last commits at once, each on its own connection: the database writes them side by side.
  await Promise.all(
    [...appliers, ...inert].map(async (applier) => {
      if (applier.stoppedBecause) return;
      await applier.finishPartitionAt(upTo).catch(ignoreBuildStopped);
      onProgress(applier.buildId, applier.eventsApplied);
    }),
  );
}

/**
 * A page's events, each decoded, and as a build split by channel takes it: decoded when it belongs to
 * this partition, an error when it cannot be replayed by channel, absent when it is another
 * partition's (read here only for a build replayed whole).
 */
function ownEvents(
  page: ReplayedEvent[],
  index: number,
  owners: ReadonlyMap<string, number>,
): { events: ReplayedEvent[]; outcomes: DecodeOutcome[]; byChannel: (DecodeOutcome | undefined)[] } {
  const outcomes = page.map(decodeRecorded);
  const byChannel = page.map((event, i): DecodeOutcome | undefined => {
    const owner = partitionOfEvent(event, owners);
    if (typeof owner !== 'number') return { error: new Error(`Event ${event.id} (${event.type}): ${owner.mismatch}`) };
    return owner === index ? outcomes[i] : undefined;
  });
  return { events: page, outcomes, byChannel };
}

function earliest(a: Position | null, b: Position | null): Position | null {
  if (a === null || b === null) return null;
  return comparePositions(a, b) <= 0 ? a : b;
}
