/**
 * What `collect` runs on: the database and event store as the projections CLI opens them (sharing a
 * running server's embedded PostgreSQL), a Helix client (real Twitch with credentials; otherwise a
 * simulator with the demo channels, whose user tokens live in memory so the server's stored tokens
 * are left alone), and the collection jobs.
 */
// The CLI's entry imports no decorated classes (so `--help` stays fast); the contexts that build them load the metadata shim.
import 'reflect-metadata';
import type { AppConfig } from '../config/app-config.js';
import type { Logger } from '../logging/logger.js';
import { createCollectionContext, type CollectionContext } from '../collection/collection-context.js';
import { InMemoryUserTokenStore, type UserTokenStore } from '../twitch/user-token-store.js';
import { createTwitchLinkParts } from '../twitch-link/twitch-link-parts.js';
import { connectTwitch, type TwitchConnection } from '../app/connect-twitch.js';
import { openProjectionsContext } from './projections-context.js';

export interface CollectContext {
  collection: CollectionContext;
  close(): Promise<void>;
}

const SUBSCRIPTIONS_SCOPE = 'channel:read:subscriptions';

export async function openCollectContext(config: AppConfig, logger: Logger): Promise<CollectContext> {
  const base = await openProjectionsContext(config, logger);
  let twitch: TwitchConnection | undefined;
  try {
    // With the simulator, user tokens stay in memory so the server's stored tokens are left alone.
    const tokenStore: UserTokenStore = config.twitch
      ? (await createTwitchLinkParts(base.pool, config, logger)).tokenStore
      : new InMemoryUserTokenStore();
    twitch = await connectTwitch(config, logger, tokenStore, base.pool);
    const { helix, clock, simulator } = twitch;
    if (simulator) {
      for (const channel of simulator.world.channels) {
        const code = simulator.tokens.issueCode(
          {
            clientId: simulator.clientId,
            userId: channel.id,
            // The follower list (backfills) needs moderator:read:followers, as the app's links ask.
            scopes: [SUBSCRIPTIONS_SCOPE, 'moderator:read:followers'],
            redirectUri: 'http://127.0.0.1/cli',
          },
          clock.now().getTime(),
        );
        await tokenStore.save(channel.id, await helix.oauth.exchangeCode(code, 'http://127.0.0.1/cli'));
      }
    }
    const collection = await createCollectionContext({
      config,
      pool: base.pool,
      eventStore: base.eventStore,
      helix,
      clock,
      logger,
    });
    return {
      collection,
      async close() {
        await collection.close();
        await twitch?.close();
        await base.close();
      },
    };
  } catch (error) {
    await twitch?.close();
    await base.close();
    throw error;
  }
}
