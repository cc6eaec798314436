/**
 * Group commit for appends: appends that arrive while others are being written wait here and go
 * out together, one transaction (and one WAL flush) for many appends, which is what lets many
 * writers reach a throughput one transaction per append cannot. At most `maxGroupsInFlight`
 * transactions run at once: while one holds the head of the log and commits, the next locks its
 * streams and checks its expected revisions, then waits only for the head.
 *
 * A group holds at most one append per stream, and an append never overtakes an earlier one to
 * the same stream, so appends to a stream are written in the order they were made.
 */
import type pg from 'pg';
import type { AppendResult } from '../event-store.port.js';
import { type AppendOutcome, appendGroup, type PendingAppend } from './postgres-append.js';
import { must } from '../../must.js';

/** Keeps one transaction's work (and the time it holds the head) bounded. */
const MAX_GROUP_EVENTS = 5_000;
const MAX_GROUP_BYTES = 16 * 1024 * 1024;

interface Waiting {
  append: PendingAppend;
  bytes: number;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

export class AppendQueue {
  private readonly waiting: Waiting[] = [];
  private readonly streamsInFlight = new Set<string>();
  private inFlight = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly maxGroupsInFlight = 2,
  ) {}

  append(append: PendingAppend): Promise<AppendResult> {
    const bytes = append.data.reduce((n, d) => n + d.length, 0) + append.metadata.reduce((n, m) => n + m.length, 0);
    return new Promise((resolve, reject) => {
      this.waiting.push({ append, bytes, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxGroupsInFlight) {
      const group = this.takeGroup();
      if (group.length === 0) return;
      this.inFlight++;
      for (const w of group) this.streamsInFlight.add(w.append.streamId);
      void this.write(group).finally(() => {
        this.inFlight--;
        for (const w of group) this.streamsInFlight.delete(w.append.streamId);
        this.pump();
      });
    }
  }

  /** The earliest appends that fit one group, skipping (and keeping the place of) any whose stream is busy. */
  private takeGroup(): Waiting[] {
    const group: Waiting[] = [];
    const streams = new Set<string>();
    let events = 0;
    let bytes = 0;
    for (let i = 0; i < this.waiting.length;) {
      const w = must(this.waiting[i], 'this.waiting[i]');
      const stream = w.append.streamId;
      const busy = streams.has(stream) || this.streamsInFlight.has(stream);
      const fits =
        group.length === 0 ||
        (events + w.append.events.length <= MAX_GROUP_EVENTS && bytes + w.bytes <= MAX_GROUP_BYTES);
      if (busy || !fits) {
        // A later append to the same stream must not overtake this one.
        streams.add(stream);
        i++;
        if (!fits) break;
        continue;
      }
      group.push(w);
      streams.add(stream);
      events += w.append.events.length;
      bytes += w.bytes;
      this.waiting.splice(i, 1);
    }
    return group;
  }

  private async write(group: Waiting[]): Promise<void> {
    let outcomes: AppendOutcome[];
    try {
      outcomes = await appendGroup(
        this.pool,
        group.map((w) => w.append),
      );
    } catch (error) {
      for (const w of group) w.reject(error);
      return;
    }
    group.forEach((w, i) => {
      const outcome = must(outcomes[i], 'outcomes[i]');
      if (outcome instanceof Error) w.reject(outcome);
      else w.resolve(outcome);
    });
  }
}
