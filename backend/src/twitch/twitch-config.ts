/**
 * Where the Helix client points. With Twitch credentials in the environment it talks to Twitch;
 * without them (the embedded default) it starts the Helix simulator on loopback and talks to
 * that, so one command runs the whole system with demo channels.
 */
import type { Clock } from '../clock.js';
import { HelixClient, type HelixClientOptions } from './helix-client.js';
import type { Logger } from './logger.js';
import {
  startHelixSimulator,
  type HelixSimulatorOptions,
  type RunningHelixSimulator,
} from './simulator/start-helix-simulator.js';
import type { UserTokenStore } from './user-token-store.js';

export interface TwitchConfig {
  helixBaseUrl: string;
  authBaseUrl: string;
  clientId: string;
  clientSecret: string;
  concurrency: number;
}

export const TWITCH_HELIX_URL = 'https://api.twitch.tv/helix';
export const TWITCH_AUTH_URL = 'https://id.twitch.tv/oauth2';

/**
 * Reads TWITCH_CLIENT_ID, TWITCH_CLIENT_SECRET, TWITCH_HELIX_BASE_URL, TWITCH_AUTH_BASE_URL and
 * TWITCH_CONCURRENCY. Undefined when there are no credentials: use the simulator then.
 */
export function readTwitchConfig(env: Record<string, string | undefined> = process.env): TwitchConfig | undefined {
  const clientId = env.TWITCH_CLIENT_ID?.trim();
  const clientSecret = env.TWITCH_CLIENT_SECRET?.trim();
  if (!clientId || !clientSecret) return undefined;
  const concurrency = Number(env.TWITCH_CONCURRENCY ?? 8);
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new Error(`TWITCH_CONCURRENCY must be a positive integer, got "${env.TWITCH_CONCURRENCY}"`);
  return {
    helixBaseUrl: env.TWITCH_HELIX_BASE_URL?.trim() || TWITCH_HELIX_URL,
    authBaseUrl: env.TWITCH_AUTH_BASE_URL?.trim() || TWITCH_AUTH_URL,
    clientId,
    clientSecret,
    concurrency,
  };
}

export interface HelixConnection {
  client: HelixClient;
  /** Present in the embedded default: the simulator the client talks to. */
  simulator: RunningHelixSimulator | undefined;
  close(): Promise<void>;
}

export interface ConnectOptions {
  config: TwitchConfig | undefined;
  /** For the real Twitch client; with the simulator, the client shares the simulator's clock. */
  clock?: Clock;
  logger?: Logger;
  userTokenStore?: UserTokenStore;
  simulator?: HelixSimulatorOptions;
}

export async function connectToHelix(options: ConnectOptions): Promise<HelixConnection> {
  const shared: Partial<HelixClientOptions> = { logger: options.logger, userTokenStore: options.userTokenStore };
  if (options.config) {
    const client = new HelixClient({ ...options.config, ...shared, clock: options.clock });
    return { client, simulator: undefined, close: () => Promise.resolve() };
  }
  const simulator = await startHelixSimulator({ demo: true, port: 0, ...options.simulator });
  options.logger?.info(
    { helixBaseUrl: simulator.helixBaseUrl },
    'no Twitch credentials: using the Helix simulator on loopback',
  );
  const client = new HelixClient({
    helixBaseUrl: simulator.helixBaseUrl,
    authBaseUrl: simulator.authBaseUrl,
    clientId: simulator.clientId,
    clientSecret: simulator.clientSecret,
    ...shared,
    clock: simulator.clock,
  });
  return { client, simulator, close: () => simulator.close() };
}
