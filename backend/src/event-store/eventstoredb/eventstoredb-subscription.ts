/**
 * Turns the client's catch-up subscription (a stream of single events plus caughtUp/fellBehind
 * notices) into the port's batches. Events queue up as they arrive and each batch takes what is
 * queued, up to maxBatchSize; a full queue pauses the stream, so a slow consumer holds back the
 * server instead of filling memory.
 */
import {
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  BACKWARDS,
  END,
  type KurrentDBClient,
  type Position as EsdbPosition,
  START,
} from '@kurrent/kurrentdb-client';
import type { AllSubscription, RecordedEvent, SubscribeToAllOptions, SubscriptionBatch } from '../event-store.port.js';
import { comparePositions, type Position } from '../position.js';
import { matchesFilter, serverFilter, toPortError, toRecordedEvent } from './eventstoredb-mapping.js';
import { subscriptionBatchSize } from '../subscription-batch-size.js';

export class EventStoreDbAllSubscription implements AllSubscription {
  private readonly maxBatchSize: number;
  private readonly queue: RecordedEvent[] = [];
  private iterator: AsyncGenerator<SubscriptionBatch> | undefined;
  private stream: AllStreamSubscription | null = null;
  private live = false;
  private announcedCaughtUp = false;
  /** After a caught-up notice: how many events the stream had already buffered, which still belong to the catch-up. */
  private beforeCaughtUp: number | null = null;
  /** Fallback for servers without caught-up notices (before 23.10): the last position in $all when we started. */
  private headAtStart: Position | null = null;
  private failure: unknown = null;
  private ended = false;
  private closed = false;
  private wake: (() => void) | null = null;

  constructor(
    private readonly client: KurrentDBClient,
    private readonly options: SubscribeToAllOptions,
    private readonly onClosed: (subscription: EventStoreDbAllSubscription) => void,
  ) {
    this.maxBatchSize = subscriptionBatchSize(options);
  }

  [Symbol.asyncIterator](): AsyncIterator<SubscriptionBatch> {
    this.iterator ??= this.run();
    return this.iterator;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.poke();
    this.onClosed(this);
    await this.stream?.unsubscribe();
  }

  private async *run(): AsyncGenerator<SubscriptionBatch> {
    try {
      await this.start();
      while (!this.closed) {
        if (this.failure) throw toPortError(this.failure, '$all');
        if (this.queue.length > 0) {
          const events = this.queue.splice(0, this.maxBatchSize);
          if (this.queue.length < this.maxBatchSize) this.stream?.resume();
          const caughtUp = this.live && this.queue.length === 0;
          this.announcedCaughtUp = caughtUp;
          yield { events, caughtUp };
        } else if (this.live && !this.announcedCaughtUp) {
          this.announcedCaughtUp = true;
          yield { events: [], caughtUp: true };
        } else if (this.ended) {
          throw new Error('EventStoreDB ended the subscription to $all');
        } else {
          await new Promise<void>((resolve) => (this.wake = resolve));
        }
      }
    } finally {
      await this.close();
    }
  }

  private async start(): Promise<void> {
    this.headAtStart = await lastPositionInAll(this.client);
    if (this.closed) return;
    const from = this.options.fromPosition ?? 'start';
    if (!this.headAtStart || (from !== 'start' && comparePositions(from, this.headAtStart) >= 0)) this.reachedHead();
    const stream = this.client.subscribeToAll({
      fromPosition: from === 'start' ? START : from,
      filter: serverFilter(this.options.filter, (position) => this.onCheckpoint(position)),
    });
    stream.on('data', (resolved: AllStreamResolvedEvent) => this.onData(resolved));
    stream.on('caughtUp', () => this.onCaughtUpNotice());
    stream.on('fellBehind', () => {
      this.live = false;
      this.beforeCaughtUp = null;
    });
    stream.on('error', (error: Error) => {
      this.failure = error;
      this.poke();
    });
    stream.on('end', () => {
      this.ended = true;
      this.poke();
    });
    this.stream = stream;
  }

  private onData(resolved: AllStreamResolvedEvent): void {
    const event = resolved.event;
    const from = this.options.fromPosition;
    // The server already starts after the checkpoint; this guard keeps "exclusive" true regardless.
    const afterCheckpoint = !event || !from || from === 'start' || comparePositions(event.position, from) > 0;
    if (event && afterCheckpoint && matchesFilter(this.options.filter, event.type, event.streamId))
      this.queue.push(toRecordedEvent(event));
    if (event && this.headAtStart && comparePositions(event.position, this.headAtStart) >= 0) this.reachedHead();
    if (this.beforeCaughtUp !== null && --this.beforeCaughtUp <= 0) this.reachedHead();
    if (this.queue.length >= 2 * this.maxBatchSize) this.stream?.pause();
    this.poke();
  }

  /** The notice is emitted before events the stream has already buffered are delivered; those still count as catch-up. */
  private onCaughtUpNotice(): void {
    const buffered = this.stream?.readableLength ?? 0;
    if (buffered === 0) this.reachedHead();
    else this.beforeCaughtUp = buffered;
  }

  private onCheckpoint(position: EsdbPosition): void {
    if (this.headAtStart && comparePositions(position, this.headAtStart) >= 0) this.onCaughtUpNotice();
  }

  private reachedHead(): void {
    this.live = true;
    this.beforeCaughtUp = null;
    this.headAtStart = null;
    this.poke();
  }

  private poke(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}

/** Position of the last record in $all, system events included (they move the head too), or null for an empty log. */
export async function lastPositionInAll(client: KurrentDBClient): Promise<Position | null> {
  for await (const resolved of client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 })) {
    if (resolved.event) return { commit: resolved.event.position.commit, prepare: resolved.event.position.prepare };
  }
  return null;
}
