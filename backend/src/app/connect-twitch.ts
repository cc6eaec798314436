/**
 * The Twitch side of a process: real Twitch when credentials are configured; otherwise the built-in
 * Helix simulator with the demo channels on loopback, whose clock then is the process's clock (the
 * demo records its history by moving it). The server and the `collect` CLI both start here.
 * With real Twitch the rate budgets live in PostgreSQL, shared by every process using the client id;
 * a simulator of our own has budgets of our own.
 */
import type pg from 'pg';
import type { AppConfig } from '../config/app-config.js';
import type { Logger } from '../logging/logger.js';
import { systemClock, type Clock } from '../clock.js';
import { HelixClient } from '../twitch/helix-client.js';
import { postgresRateBudgets } from '../twitch/postgres-rate-budget.js';
import { startHelixSimulator, type RunningHelixSimulator } from '../twitch/simulator/start-helix-simulator.js';
import type { UserTokenStore } from '../twitch/user-token-store.js';
import { must } from '../must.js';

export interface TwitchConnection {
  helix: HelixClient;
  clock: Clock;
  /** Set when no Twitch credentials are configured. */
  simulator?: RunningHelixSimulator;
  close(): Promise<void>;
}

export async function connectTwitch(
  config: AppConfig,
  logger: Logger,
  userTokenStore: UserTokenStore,
  pool: pg.Pool,
): Promise<TwitchConnection> {
  const simulator = config.twitch ? undefined : await startHelixSimulator({ demo: true, pointsPerMinute: 6000 });
  if (simulator)
    logger.info({ helix: simulator.helixBaseUrl }, 'no Twitch credentials: using the built-in Helix simulator');
  const clock = simulator?.clock ?? systemClock;
  const helix = new HelixClient({
    helixBaseUrl: config.twitch?.apiBaseUrl ?? must(simulator, 'simulator').helixBaseUrl,
    authBaseUrl: config.twitch?.authBaseUrl ?? must(simulator, 'simulator').authBaseUrl,
    clientId: config.twitch?.clientId ?? must(simulator, 'simulator').clientId,
    clientSecret: config.twitch?.clientSecret ?? must(simulator, 'simulator').clientSecret,
    concurrency: config.twitchConcurrency,
    retry: { timeoutMs: config.twitchTimeoutMs },
    clock,
    logger,
    userTokenStore,
    rateBudgets: config.twitch ? postgresRateBudgets(pool, config.twitch.clientId) : undefined,
  });
  return { helix, clock, simulator, close: async () => simulator?.close() };
}
