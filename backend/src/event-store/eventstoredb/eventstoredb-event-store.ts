/**
 * The EventStoreDB adapter of the event-store port (production), over @kurrent/kurrentdb-client
 * 1.x, the maintained client of EventStoreDB and of KurrentDB (its successor). The port encodes
 * EventStoreDB's own semantics, so this is mostly translation. Two things are done on the client
 * side: reads of $all are filtered here (the port's filter needs both prefix lists, the server
 * takes one), and the server's system events ($-prefixed types) are never the port's. */
import {
  BACKWARDS,
  END,
  KurrentDBClient,
  FORWARDS,
  jsonEvent,
  type JSONType,
  type RecordedEvent as EsdbRecordedEvent,
  START,
} from '@kurrent/kurrentdb-client';
import {
  assertAppendable,
  assertExpectedRevision,
  assertMaxCount,
  assertReadStreamOptions,
} from '../append-validation.js';
import type {
  AllSubscription,
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
} from '../event-store.port.js';
import type { Position } from '../position.js';
import { matchesFilter, toPortError, toRecordedEvent } from './eventstoredb-mapping.js';
import { EventStoreDbAllSubscription } from './eventstoredb-subscription.js';

export interface EventStoreDbEventStoreOptions {
  /** Dispose of the client on close(): true when the store made the client itself. */
  ownsClient?: boolean;
}

export class EventStoreDbEventStore implements EventStore {
  private readonly subscriptions = new Set<EventStoreDbAllSubscription>();
  private closed = false;

  constructor(
    private readonly client: KurrentDBClient,
    private readonly options: EventStoreDbEventStoreOptions = {},
  ) {}

  /** e.g. `kurrentdb://localhost:2113?tls=false`; the client connects on first use. */
  static fromConnectionString(connectionString: string): EventStoreDbEventStore {
    return new EventStoreDbEventStore(KurrentDBClient.connectionString(connectionString), { ownsClient: true });
  }

  async append(
    streamId: string,
    events: NewEvent[],
    options: { expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    this.assertOpen();
    assertAppendable(streamId, events);
    const expectedRevision = options.expectedRevision ?? 'any';
    assertExpectedRevision(expectedRevision);
    // The port's expected-revision strings are the client's constants ('any', 'no_stream', 'stream_exists').
    const proposed = events.map((e) =>
      jsonEvent({
        id: e.id,
        type: e.type,
        data: (e.data ?? null) as JSONType,
        metadata: (e.metadata ?? undefined) as JSONType | undefined,
      }),
    );
    try {
      const result = await this.client.appendToStream(streamId, proposed, { streamState: expectedRevision });
      const position = result.position ?? (await this.positionOfRevision(streamId, result.nextExpectedRevision));
      return {
        nextExpectedRevision: result.nextExpectedRevision,
        position: { commit: position.commit, prepare: position.prepare },
      };
    } catch (error) {
      throw toPortError(error, streamId, expectedRevision);
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertReadStreamOptions(options);
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? 'end' : 'start');
    try {
      const read = this.client.readStream(streamId, {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromRevision: from === 'start' ? START : from === 'end' ? END : from,
        ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
      });
      return await collect(read, options.maxCount, () => true);
    } catch (error) {
      throw toPortError(error, streamId);
    }
  }

  /** As EventStoreDB: forwards from a position includes the event at it, backwards starts just before it. */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertMaxCount(options.maxCount);
    const backwards = options.direction === 'backwards';
    const from = options.fromPosition ?? (backwards ? 'end' : 'start');
    // No maxCount for the server: it would count the events the filter below drops.
    try {
      const read = this.client.readAll({
        direction: backwards ? BACKWARDS : FORWARDS,
        fromPosition: from === 'start' ? START : from === 'end' ? END : from,
      });
      return await collect(read, options.maxCount, (e) => matchesFilter(options.filter, e.type, e.streamId));
    } catch (error) {
      throw toPortError(error, '$all');
    }
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    this.assertOpen();
    const subscription = new EventStoreDbAllSubscription(this.client, options, (s) => this.subscriptions.delete(s));
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** The last event of ours in $all (system events skipped), or null when there is none. */
  async headPosition(): Promise<Position | null> {
    this.assertOpen();
    const [last] = await this.readAll({ direction: 'backwards', maxCount: 1 });
    return last ? last.position : null;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    if (this.options.ownsClient) await this.client.dispose();
  }

  /** Older servers leave the position out of some append results (e.g. idempotent ones); read it back. */
  private async positionOfRevision(streamId: string, revision: bigint): Promise<Position> {
    const [event] = await this.readStream(streamId, { fromRevision: revision, maxCount: 1 });
    if (!event)
      throw new Error(`EventStoreDB reported revision ${revision} of "${streamId}" but it cannot be read back`);
    return event.position;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The event store is closed');
  }
}

/** Reads until the stream ends or `maxCount` events pass `keep`; leaving the loop early ends the server read. */
async function collect(
  read: AsyncIterable<{ event?: EsdbRecordedEvent }>,
  maxCount: number | undefined,
  keep: (event: EsdbRecordedEvent) => boolean,
): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  const limit = maxCount ?? Number.POSITIVE_INFINITY;
  for await (const resolved of read) {
    if (!resolved.event || !keep(resolved.event)) continue;
    events.push(toRecordedEvent(resolved.event));
    if (events.length >= limit) break;
  }
  return events;
}
