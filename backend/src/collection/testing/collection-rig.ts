/**
 * A collection test bench: a database, the Postgres event store, a Helix simulator with N seeded
 * channels on a simulated clock (sleeps advance it at once), a Helix client over real HTTP, and the
 * write side's jobs. Channels are linked to accounts in three ways, so every subscriber outcome
 * shows: with the subscriptions scope and a stored token, without the scope, and with the scope but
 * no token. Used by the collection tests and by the child process of the crash test.
 */
import { accountStream, eventCatalogue } from '@creatorsync/projections';
import { SimulatedClock } from '../../clock.js';
import { loadConfig } from '../../config/app-config.js';
import { createPool } from '../../database/create-pool.js';
import { createEventStore } from '../../event-store/create-event-store.js';
import type { EventStore } from '../../event-store/event-store.port.js';
import { silentLogger, type Logger } from '../../logging/logger.js';
import { HelixClient } from '../../twitch/helix-client.js';
import {
  startHelixSimulator,
  type HelixSimulatorOptions,
  type RunningHelixSimulator,
} from '../../twitch/simulator/start-helix-simulator.js';
import { InMemoryUserTokenStore } from '../../twitch/user-token-store.js';
import { appendNewFacts } from '../append-new-facts.js';
import { createCollectionContext, type CollectionContext } from '../collection-context.js';
import { deterministicEventId } from '../deterministic-event-id.js';
import { SUBSCRIPTIONS_SCOPE } from '../jobs/connected-channels.js';
import { REQUEST_DEADLINE_MS } from '../../testing/deadlines.js';

/** A Tuesday evening (UTC) when several simulated channels are live. */
export const RIG_START = Date.UTC(2026, 1, 10, 20, 0);

export type LinkKind = 'scoped-with-token' | 'no-scope' | 'scoped-no-token';

/** Channel i's link: thirds of the channels, in this order. */
export const linkKindOf = (index: number, count: number): LinkKind =>
  index < Math.ceil(count * 0.4)
    ? 'scoped-with-token'
    : index < Math.ceil(count * 0.8)
      ? 'no-scope'
      : 'scoped-no-token';

export interface RigOptions {
  databaseUrl: string;
  channelCount?: number;
  seed?: number;
  at?: number;
  env?: Record<string, string>;
  simulator?: Partial<HelixSimulatorOptions>;
  logger?: Logger;
}

export interface CollectionRig extends CollectionContext {
  sim: RunningHelixSimulator;
  clock: SimulatedClock;
  helix: HelixClient;
  tokens: InMemoryUserTokenStore;
  eventStore: EventStore;
  channelIds: string[];
  stop(): Promise<void>;
}

export async function startCollectionRig(options: RigOptions): Promise<CollectionRig> {
  const logger = options.logger ?? silentLogger;
  const config = loadConfig({
    DATABASE_URL: options.databaseUrl,
    COLLECTION_JITTER_MS: '0',
    COLLECTION_RETRY_BACKOFF_MS: '200',
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const pool = createPool(options.databaseUrl, { max: 20 });
  const eventStore = createEventStore({ pool, databaseUrl: options.databaseUrl, logger });
  const clock = new SimulatedClock(options.at ?? RIG_START, { autoAdvance: true });
  const sim = await startHelixSimulator({
    seed: options.seed ?? 11,
    channelCount: options.channelCount ?? 25,
    clock,
    pointsPerMinute: 800,
    ...options.simulator,
  });
  const tokens = new InMemoryUserTokenStore();
  const helix = new HelixClient({
    helixBaseUrl: sim.helixBaseUrl,
    authBaseUrl: sim.authBaseUrl,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    clock,
    userTokenStore: tokens,
    // A real-time socket guard: on a busy machine an in-process simulator's answer can take seconds,
    // and a timeout would retry on the simulated clock, moving it (tests that want timeouts set their own).
    retry: { timeoutMs: REQUEST_DEADLINE_MS },
    logger,
  });
  const channelIds = sim.world.channels.map((c) => c.id);
  await linkAccounts(eventStore, sim, new Date(clock.nowMs()));
  await untilLinksAreVisible(eventStore, channelIds.length);
  for (const [index, channel] of sim.world.channels.entries()) {
    if (linkKindOf(index, channelIds.length) !== 'scoped-with-token') continue;
    const code = sim.tokens.issueCode(
      { clientId: sim.clientId, userId: channel.id, scopes: [SUBSCRIPTIONS_SCOPE], redirectUri: 'http://127.0.0.1/cb' },
      clock.nowMs(),
    );
    await tokens.save(channel.id, await helix.oauth.exchangeCode(code, 'http://127.0.0.1/cb'));
  }
  const context = await createCollectionContext({ config, pool, eventStore, helix, clock, logger });
  return {
    ...context,
    sim,
    clock,
    helix,
    tokens,
    eventStore,
    channelIds,
    async stop() {
      await context.close();
      await sim.close();
      await eventStore.close();
      await pool.end();
    },
  };
}

/**
 * A job decides what to collect from the links it reads in $all. On the test run's PostgreSQL,
 * shared by every test file's database, another file's long transaction can hold the $all
 * high-water mark back for longer than the store's bounded read-your-writes wait (5 s); a job
 * started then would see fewer links than the rig made (seen once under heavy load: the crash
 * test's reference run found no subscription scopes). So the rig waits for its own links.
 */
async function untilLinksAreVisible(eventStore: EventStore, count: number, limitMs = 60_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const links = await eventStore.readAll({
      filter: { streamPrefixes: ['account-'], eventTypePrefixes: ['TwitchAccountLinked'] },
    });
    if (links.length >= count) return;
    if (Date.now() > deadline)
      throw new Error(`only ${links.length} of ${count} account links became visible in $all within ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** One account per channel (`user-<i>`), linked as linkKindOf says. Idempotent. */
async function linkAccounts(eventStore: EventStore, sim: RunningHelixSimulator, at: Date): Promise<void> {
  for (const [index, channel] of sim.world.channels.entries()) {
    const userId = `user-${index}`;
    const kind = linkKindOf(index, sim.world.channels.length);
    const data = {
      userId,
      broadcasterId: channel.id,
      login: channel.login,
      displayName: channel.displayName,
      scopes: kind === 'no-scope' ? [] : [SUBSCRIPTIONS_SCOPE],
      linkedAt: at.toISOString(),
    };
    await appendNewFacts(eventStore, accountStream(userId), [
      {
        id: deterministicEventId('TwitchAccountLinked', userId, channel.id),
        type: 'TwitchAccountLinked',
        data,
        metadata: {
          correlationId: 'test-link',
          source: 'simulator',
          schemaVersion: eventCatalogue.TwitchAccountLinked.version,
          fetchedAt: at.toISOString(),
        },
      },
    ]);
  }
}
