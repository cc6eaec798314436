/** Test wiring: a simulator on loopback and a client pointed at it, sharing one simulated clock. */
import { SimulatedClock } from '../../clock.js';
import { HelixClient, type HelixClientOptions } from '../helix-client.js';
import {
  startHelixSimulator,
  type HelixSimulatorOptions,
  type RunningHelixSimulator,
} from '../simulator/start-helix-simulator.js';
import { InMemoryUserTokenStore } from '../user-token-store.js';
import { REQUEST_DEADLINE_MS } from '../../testing/deadlines.js';

export interface SimHarness {
  sim: RunningHelixSimulator;
  client: HelixClient;
  clock: SimulatedClock;
  store: InMemoryUserTokenStore;
  /** Runs the authorization-code flow against the simulator for `userId` and stores the tokens. */
  connectUser(userId: string, scopes: string[]): Promise<void>;
  close(): Promise<void>;
}

/** A Tuesday evening (UTC) when many simulated channels are live. */
export const TEST_START = Date.UTC(2026, 1, 10, 20, 0);

export async function startSimHarness(
  simOptions: HelixSimulatorOptions = {},
  clientOptions: Partial<HelixClientOptions> = {},
): Promise<SimHarness> {
  // Sleeps advance simulated time at once: backoff and rate-limit waits cost no wall time.
  const clock = new SimulatedClock(TEST_START, { autoAdvance: true });
  const sim = await startHelixSimulator({ channelCount: 12, demo: true, seed: 7, clock, ...simOptions });
  const store = new InMemoryUserTokenStore();
  const client = new HelixClient({
    helixBaseUrl: sim.helixBaseUrl,
    authBaseUrl: sim.authBaseUrl,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    clock,
    userTokenStore: store,
    // A real-time socket guard: on a busy machine an in-process simulator's answer can take seconds,
    // and a timeout would retry on the simulated clock, moving it (tests that want timeouts set their own).
    retry: { timeoutMs: REQUEST_DEADLINE_MS },
    ...clientOptions,
  });
  const redirectUri = 'http://127.0.0.1/callback';
  return {
    sim,
    client,
    clock,
    store,
    async connectUser(userId, scopes) {
      sim.authorizeAs(userId);
      const { url, state } = client.oauth.authorizeUrl({ redirectUri, scopes });
      const answer = await fetch(url, { redirect: 'manual' });
      const callback = new URL(answer.headers.get('location') ?? '');
      if (callback.searchParams.get('state') !== state) throw new Error('state mismatch');
      const connected = await client.connectUser(callback.searchParams.get('code') ?? '', redirectUri);
      if (connected.userId !== userId) throw new Error(`connected ${connected.userId}, expected ${userId}`);
    },
    close: () => sim.close(),
  };
}
