/**
 * How builds that have not caught up yet replay the log, chosen from facts about each (no I/O):
 * - split: by channel, over worker threads (partitioned/), when splitting is configured and at least
 *   one build gains from it (its projection is `parallel: 'by-channel'`) or is part-way through a
 *   split replay already; the other builds a worker can load join it (replayed whole in partition 0);
 * - together: two or more builds in one thread, reading and decoding the log once (catch-up-group.ts);
 * - alone: a single build in one thread, with its own runner (projection-runner.ts);
 * - cannot run here: part-way through a split replay that this process cannot continue (only that
 *   replay may go on with the rows its partitions committed past the build's checkpoint).
 */

export interface ReplayCandidate {
  /** Its projection declares `parallel: 'by-channel'`. */
  splitByChannel: boolean;
  /** A worker thread can load its projection, and splitting is configured here. */
  canRunInWorker: boolean;
  /** It has no checkpoint of its own yet (a split replay starts a build from the start of the log). */
  fresh: boolean;
  /** Partitions of a split replay have committed for it. */
  partWayThroughSplit: boolean;
}

export interface ReplayPlan<T> {
  split: T[];
  together: T[];
  alone: T[];
  cannotRunHere: T[];
}

export function planReplay<T extends ReplayCandidate>(builds: readonly T[]): ReplayPlan<T> {
  const splittable = builds.filter((b) => b.canRunInWorker && b.fresh);
  const split = splittable.some((b) => b.splitByChannel || b.partWayThroughSplit) ? splittable : [];
  const rest = builds.filter((b) => !split.includes(b));
  const oneThread = rest.filter((b) => !b.partWayThroughSplit);
  return {
    split,
    together: oneThread.length >= 2 ? oneThread : [],
    alone: oneThread.length < 2 ? oneThread : [],
    cannotRunHere: rest.filter((b) => b.partWayThroughSplit),
  };
}
