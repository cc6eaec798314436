/**
 * The embedded default's demo channels get real (simulated) user tokens at every start, obtained
 * the way a streamer's would be: the simulator's /oauth2/authorize approves as each channel's
 * owner, the code is exchanged, and the pair is stored encrypted. The simulator forgets its tokens
 * when it stops, so tokens stored on an earlier start are replaced rather than reused.
 */
import type { Logger } from '../logging/logger.js';
import type { HelixClient } from '../twitch/helix-client.js';
import type { RunningHelixSimulator } from '../twitch/simulator/start-helix-simulator.js';
import type { EncryptedUserTokenStore } from './encrypted-user-token-store.js';
import { LINK_SCOPES } from './twitch-link.service.js';

/** Never visited: the simulator only writes it into its redirect, from which the code is read. */
const DEMO_REDIRECT_URI = 'http://127.0.0.1/demo/twitch/callback';

export interface ConnectDemoOptions {
  simulator: RunningHelixSimulator;
  helix: HelixClient;
  tokenStore: EncryptedUserTokenStore;
  logger: Logger;
}

/** Returns the broadcaster ids that now have stored tokens. */
export async function connectDemoChannels({
  simulator,
  helix,
  tokenStore,
  logger,
}: ConnectDemoOptions): Promise<string[]> {
  const userTokens = helix.userTokens;
  if (!userTokens) throw new Error('the Helix client has no user token store');
  const connected: string[] = [];
  try {
    for (const channel of simulator.world.channels) {
      simulator.authorizeAs(channel.id);
      const { url } = helix.oauth.authorizeUrl({ redirectUri: DEMO_REDIRECT_URI, scopes: LINK_SCOPES });
      const response = await fetch(url, { redirect: 'manual' });
      const code = new URL(response.headers.get('location') ?? DEMO_REDIRECT_URI).searchParams.get('code');
      if (!code)
        throw new Error(
          `the simulator's authorize answered ${response.status} without a code for channel ${channel.id}`,
        );
      const owner = await tokenStore.linking(() => userTokens.connect(code, DEMO_REDIRECT_URI));
      connected.push(owner.userId);
    }
  } finally {
    simulator.authorizeAs(simulator.world.demoUserChannelId ?? simulator.world.channels[0]?.id);
  }
  logger.info({ channels: connected.length }, 'demo channels have Twitch user tokens');
  return connected;
}
