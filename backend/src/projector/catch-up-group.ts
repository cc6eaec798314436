/**
 * Several builds replaying the log together (a replay of every projection, a first start): the log
 * is read once, each event decoded once, and every batch handed to each build's applier — rather
 * than each build scanning and parsing the whole log on its own. The group stops at the head of
 * the log; each build then goes on with its own runner (same applier, same rows in memory), which
 * commits, switches readers, and follows the log live.
 */
import type { EventStore, RecordedEvent } from '../event-store/event-store.port.js';
import { comparePositions, type Position } from '../event-store/position.js';
import type { Logger } from '../logging/logger.js';
import { decodeRecorded, ignoreBuildStopped, type BuildApplier, type DecodeOutcome } from './build-applier.js';
import { readAhead } from './read-ahead.js';
import { must } from '../must.js';

export interface GroupMember {
  applier: BuildApplier;
  /** Called after every batch the group applied (for progress). */
  onBatch?: () => void;
}

export class CatchUpGroup {
  private stopped = false;
  private subscription?: { close(): Promise<void> };

  constructor(
    private readonly options: { eventStore: EventStore; logger: Logger; batchSize: number },
    private readonly members: GroupMember[],
  ) {}

  /** Stops reading; the members keep what they applied (their runners commit it). */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.subscription?.close();
  }

  /** Whether stop() has run, read through a call: it may run while run() awaits, which narrowing of `stopped` does not see. */
  private isStopped(): boolean {
    return this.stopped;
  }

  /** Reads until the head of the log (or a stop, or an error: then each member's runner takes over from its checkpoint). */
  async run(): Promise<void> {
    const members = this.members.filter((m) => !m.applier.stoppedBecause);
    if (members.length === 0 || this.stopped) return;
    const types = [...new Set(members.flatMap((m) => [...m.applier.handles]))];
    const from =
      members
        .map((m) => m.applier.position)
        .reduce<Position | null | undefined>((min, p) => (min === undefined ? p : minPosition(min, p)), undefined) ??
      null;
    const subscription = this.options.eventStore.subscribeToAll({
      fromPosition: from ?? 'start',
      filter: { eventTypePrefixes: types },
      maxBatchSize: this.options.batchSize,
    });
    this.subscription = subscription;
    try {
      for await (const batch of readAhead(subscription)) {
        if (this.isStopped()) break;
        // Each event decoded once, when the first build that takes it asks.
        const outcomes = new Array<DecodeOutcome | undefined>(batch.events.length);
        for (const member of members) {
          const { applier } = member;
          if (applier.stoppedBecause) continue;
          // Positions are compared only for a build that is ahead of the batch's start (it resumed from a later checkpoint).
          const position = applier.position;
          const after =
            position &&
            batch.events.length > 0 &&
            comparePositions(must(batch.events[0], 'batch.events[0]').position, position) <= 0
              ? position
              : null;
          const events: RecordedEvent[] = [];
          const decoded: DecodeOutcome[] = [];
          for (let i = 0; i < batch.events.length; i++) {
            const e = must(batch.events[i], 'batch.events[i]');
            if (!applier.handles.has(e.type) || (after && comparePositions(e.position, after) <= 0)) continue;
            events.push(e);
            decoded.push((outcomes[i] ??= decodeRecorded(e)));
          }
          // A build that stops here is skipped from now on; the others go on.
          if (events.length > 0) await applier.apply(events, decoded, 'catch-up').catch(ignoreBuildStopped);
          member.onBatch?.();
        }
        if (batch.caughtUp || members.every((m) => m.applier.stoppedBecause)) break;
      }
    } catch (error) {
      // Nothing half-written; each build resumes from what it committed, on its own.
      this.options.logger.warn({ err: error }, 'shared catch-up stopped by an error; each build goes on alone');
      await Promise.all(members.map((m) => m.applier.reset().catch(() => undefined)));
    } finally {
      await subscription.close().catch(() => undefined);
    }
  }
}

function minPosition(a: Position | null, b: Position | null): Position | null {
  if (a === null || b === null) return null;
  return comparePositions(a, b) <= 0 ? a : b;
}
