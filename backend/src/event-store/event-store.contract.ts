/**
 * The one contract both event-store adapters pass; it encodes EventStoreDB's semantics.
 * Usage, in an adapter's *.int.spec.ts:
 *
 *   describeEventStoreContract('Postgres', async () => ({ store, cleanup: () => ... }));
 *
 * The factory runs once for the suite (beforeAll) and cleanup once after it. Tests never assume
 * an empty log: they name their streams and event types with a random part and only look at
 * their own events, so the suite also runs against a shared EventStoreDB server.
 */
import { appendContract } from './contract/append.contract.js';
import { concurrencyContract } from './contract/concurrency.contract.js';
import { payloadContract } from './contract/payload.contract.js';
import { readContract } from './contract/read.contract.js';
import { subscribeContract } from './contract/subscribe.contract.js';
import type { EventStore } from './event-store.port.js';

export interface EventStoreFixture {
  store: EventStore;
  cleanup(): Promise<void>;
}

export function describeEventStoreContract(name: string, factory: () => Promise<EventStoreFixture>): void {
  describe(`event store contract: ${name}`, () => {
    let fixture: EventStoreFixture | undefined;
    beforeAll(async () => {
      fixture = await factory();
    });
    afterAll(async () => {
      await fixture?.cleanup();
    });
    const store = (): EventStore => {
      if (!fixture) throw new Error('the event store fixture was not created (see the beforeAll error)');
      return fixture.store;
    };

    appendContract(store);
    payloadContract(store);
    readContract(store);
    subscribeContract(store);
    concurrencyContract(store);
  });
}
