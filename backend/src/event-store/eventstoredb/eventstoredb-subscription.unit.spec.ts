/**
 * The batching logic of the EventStoreDB subscription, driven by a stand-in for the client's
 * subscription stream (no server here: the contract suite covers the real thing when one is set).
 */
import type { KurrentDBClient } from '@kurrent/kurrentdb-client';
import { randomUUID } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { SubscriptionRecorder } from '../contract/contract-helpers.js';
import type { SubscribeToAllOptions } from '../event-store.port.js';
import { EventStoreDbAllSubscription } from './eventstoredb-subscription.js';
import { must } from '../../must.js';
import { arrayContaining } from '../../testing/matchers.js';

const at = (n: number) => ({ commit: BigInt(n), prepare: BigInt(n) });
const resolved = (n: number, streamId = 's-1', type = 'ThingHappened') => ({
  event: {
    streamId,
    id: randomUUID(),
    isJson: true,
    revision: BigInt(n),
    type,
    created: new Date(),
    data: { n },
    metadata: {},
    position: at(n),
  },
});

class FakeClient {
  readonly stream = Object.assign(new PassThrough({ objectMode: true }), {
    unsubscribed: false,
    unsubscribe: async () => {},
  });
  subscribeOptions: unknown;
  readonly subscribed: Promise<void>;
  private markSubscribed!: () => void;

  constructor(private readonly head: number | null) {
    this.subscribed = new Promise((resolve) => (this.markSubscribed = resolve));
    this.stream.unsubscribe = () => {
      this.stream.unsubscribed = true;
      return Promise.resolve();
    };
  }

  readAll() {
    return Object.assign(Readable.from(this.head === null ? [] : [resolved(this.head, '$stats', '$statsCollected')]), {
      cancel: async () => {},
    });
  }

  subscribeToAll(options: unknown) {
    this.subscribeOptions = options;
    this.markSubscribed();
    return this.stream;
  }

  async start(options: SubscribeToAllOptions) {
    const recorder = new SubscriptionRecorder(
      new EventStoreDbAllSubscription(this as unknown as KurrentDBClient, options, () => {}),
    );
    await this.subscribed;
    return recorder;
  }
}

describe('EventStoreDB subscription batching', () => {
  it('keeps events buffered before the caught-up notice in the catch-up, batches them, and filters client-side', async () => {
    const client = new FakeClient(1000);
    const sub = await client.start({ maxBatchSize: 2, filter: { streamPrefixes: ['s-'] } });
    client.stream.pause();
    const catchUp = [resolved(10), resolved(20, 'x-1'), resolved(25, '$$s-1', '$metadata'), resolved(30), resolved(35)];
    for (const r of catchUp) client.stream.write(r);
    client.stream.emit('caughtUp');
    expect(client.stream.readableLength).toBeGreaterThan(0);
    client.stream.resume();
    await sub.waitFor('caught up', () => sub.caughtUpSeen);
    const live = [resolved(40), resolved(50)];
    for (const r of live) client.stream.write(r);
    const expected = [
      must(catchUp[0], 'catchUp[0]'),
      must(catchUp[3], 'catchUp[3]'),
      must(catchUp[4], 'catchUp[4]'),
      ...live,
    ].map((r) => r.event.id);
    await sub.waitForIds(expected);
    await sub.close();

    expect(sub.ids()).toEqual(expected);
    expect(sub.batches.every((b) => b.events.length <= 2)).toBe(true);
    const firstCaughtUp = sub.batches.findIndex((b) => b.caughtUp);
    const deliveredByThen = sub.batches.slice(0, firstCaughtUp + 1).flatMap((b) => b.events.map((e) => e.id));
    expect(deliveredByThen).toEqual(arrayContaining(expected.slice(0, 3)));
    expect(client.stream.unsubscribed).toBe(true);
  });

  it('without caught-up notices (older servers), is caught up once it passes the head it saw at the start', async () => {
    const client = new FakeClient(30);
    const sub = await client.start({});
    client.stream.write(resolved(10));
    await sub.waitFor('first event', () => sub.events.length === 1);
    expect(sub.caughtUpSeen).toBe(false);
    client.stream.write(resolved(30));
    await sub.waitFor('caught up', () => sub.caughtUpSeen);
    await sub.close();
  });

  it('announces caughtUp with an empty batch when the log is empty', async () => {
    const client = new FakeClient(null);
    const sub = await client.start({});
    await sub.waitFor('first batch', () => sub.batches.length > 0);
    expect(sub.batches[0]).toEqual({ events: [], caughtUp: true });
    await sub.close();
  });

  it('starts after the checkpoint, even if the server repeated the event at it', async () => {
    const client = new FakeClient(1000);
    const sub = await client.start({ fromPosition: at(20), filter: { eventTypePrefixes: ['Thing'] } });
    expect(client.subscribeOptions).toMatchObject({
      fromPosition: at(20),
      filter: { filterOn: 'eventType', prefixes: ['Thing'] },
    });
    const after = resolved(30);
    client.stream.write(resolved(20));
    client.stream.write(after);
    await sub.waitForIds([after.event.id]);
    expect(sub.ids()).toEqual([after.event.id]);
    await sub.close();
  });

  it('ends the iteration with an error when the server ends the subscription', async () => {
    const client = new FakeClient(1000);
    const sub = await client.start({});
    client.stream.end();
    await sub.finished;
    await expect(sub.close()).rejects.toThrow(/ended the subscription/);
  });
});
