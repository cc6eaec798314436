/**
 * Appends a channel's backfill facts, each at most once. A backfill may meet facts recorded long
 * ago (a re-run, an overlapping range, a resume after a crash), further back than the write side's
 * usual look at the recent events; so the ledger reads, once per channel and run, the ids of every
 * backfill event on the channel's stream, and appends only the others. Ids are deterministic, so
 * "already there" is a set look-up.
 */
import { channelStream } from '@creatorsync/projections';
import { StreamNotFoundError } from '../../event-store/errors.js';
import type { EventStore, NewEvent } from '../../event-store/event-store.port.js';
import { must } from '../../must.js';

const PAGE = 2_000;

export class BackfillLedger {
  written = 0;
  skipped = 0;

  private constructor(
    private readonly eventStore: EventStore,
    private readonly streamId: string,
    private readonly known: Set<string>,
  ) {}

  static async load(eventStore: EventStore, broadcasterId: string): Promise<BackfillLedger> {
    const streamId = channelStream(broadcasterId);
    const known = new Set<string>();
    for (let from = 0n; ;) {
      let page;
      try {
        page = await eventStore.readStream(streamId, { fromRevision: from, maxCount: PAGE });
      } catch (error) {
        if (error instanceof StreamNotFoundError) break;
        throw error;
      }
      for (const event of page)
        if ((event.metadata as { source?: string } | null)?.source === 'backfill') known.add(event.id);
      if (page.length < PAGE) break;
      from = must(page[page.length - 1], 'page[page.length - 1]').revision + 1n;
    }
    return new BackfillLedger(eventStore, streamId, known);
  }

  /** Appends the facts not recorded yet; returns how many were written. */
  async append(events: NewEvent[]): Promise<number> {
    const fresh = events.filter((e, i) => !this.known.has(e.id) && events.findIndex((o) => o.id === e.id) === i);
    this.skipped += events.length - fresh.length;
    if (fresh.length === 0) return 0;
    // Other writers (live polls, the daily job) append to the same stream: no expected revision.
    await this.eventStore.append(this.streamId, fresh, { expectedRevision: 'any' });
    fresh.forEach((e) => this.known.add(e.id));
    this.written += fresh.length;
    return fresh.length;
  }
}
