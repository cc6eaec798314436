/**
 * Benchmark: the Helix requests one full daily collection needs for N simulated channels
 * (profile, channel, followers, subscribers, live status, new videos and clips), measured by
 * running it against the simulator, per endpoint and per channel.
 *
 *   npm run bench -- helix-requests --channels 1000 [--connected 1] [--no-skip] [--seed 1]
 *
 * --connected: share of broadcasters who connected their account (only they have subscriptions
 * data). --no-skip: also fetch videos/clips for channels that were not live since the last run.
 */
import { SimulatedClock } from '../clock.js';
import { planDailyCollection, fetchDailyCollection, type ChannelToCollect } from '../twitch/daily-collection-plan.js';
import { HelixClient } from '../twitch/helix-client.js';
import { startHelixSimulator } from '../twitch/simulator/start-helix-simulator.js';
import { sessionsBetween } from '../twitch/simulator/stream-sessions.js';
import { InMemoryUserTokenStore } from '../twitch/user-token-store.js';
import { parseBenchOptions } from './bench-options.js';

const DAY_MS = 86_400_000;

export default async function run(args: string[]): Promise<void> {
  const { values, flags } = parseBenchOptions(
    'helix-requests',
    args,
    {
      channels: { default: 1000, min: 1 },
      connected: { default: 1, min: 0, max: 1, integer: false },
      seed: { default: 1, min: 0 },
    },
    ['no-skip'],
  );
  const { channels: channelCount, connected: connectedShare, seed } = values;
  const skipMediaWhenNotLive = !flags.has('no-skip');
  // A morning collection; the previous one ran 24 hours earlier.
  const until = new Date(Date.UTC(2026, 1, 11, 6));
  const since = new Date(until.getTime() - DAY_MS);
  const clock = new SimulatedClock(until, { autoAdvance: true });
  const sim = await startHelixSimulator({ seed, channelCount, clock, pointsPerMinute: 800 });
  try {
    const store = new InMemoryUserTokenStore();
    const client = new HelixClient({
      helixBaseUrl: sim.helixBaseUrl,
      authBaseUrl: sim.authBaseUrl,
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
      clock,
      userTokenStore: store,
      concurrency: 16,
    });
    const connected = sim.world.channels.slice(0, Math.round(channelCount * connectedShare));
    for (const channel of connected) {
      const code = sim.tokens.issueCode(
        {
          clientId: sim.clientId,
          userId: channel.id,
          scopes: ['channel:read:subscriptions'],
          redirectUri: 'http://127.0.0.1/cb',
        },
        clock.nowMs(),
      );
      await store.save(channel.id, await client.oauth.exchangeCode(code, 'http://127.0.0.1/cb'));
    }
    // What the stream samples of the last day would have shown (the simulator's ground truth).
    const channels: ChannelToCollect[] = sim.world.channels.map((c) => ({
      broadcasterId: c.id,
      userAuth: connected.includes(c) ? { userId: c.id } : undefined,
      liveSinceLastCollection: sessionsBetween(c, seed, since.getTime(), until.getTime()).length > 0,
    }));
    const plan = planDailyCollection(channels, { since, until, skipMediaWhenNotLive });
    const startedMs = clock.nowMs();
    const result = await fetchDailyCollection(client, plan, { since, until, skipMediaWhenNotLive });
    const elapsedMs = clock.nowMs() - startedMs;
    const stats = client.requestStats();
    const live = channels.filter((c) => c.liveSinceLastCollection).length;

    console.log(`Helix requests for one daily collection of ${channelCount} simulated channels`);
    console.log(
      `  live since the last collection: ${live} (${((100 * live) / channelCount).toFixed(1)} %); connected (user token): ${connected.length}`,
    );
    console.log(`  videos/clips for channels not live: ${skipMediaWhenNotLive ? 'skipped' : 'fetched'}\n`);
    console.log('  endpoint               requests  per channel  minimum (plan)  bucket');
    for (const [endpoint, minimum] of Object.entries(plan.minimumRequests)) {
      const sent = stats.byEndpoint[endpoint]?.requests ?? 0;
      const bucket = endpoint === '/subscriptions' ? 'user (each broadcaster)' : 'app';
      console.log(
        `  ${endpoint.padEnd(22)} ${String(sent).padStart(8)}  ${(sent / channelCount).toFixed(3).padStart(11)}  ${String(minimum).padStart(14)}  ${bucket}`,
      );
    }
    const appRequests = stats.totalRequests - (stats.byEndpoint['/subscriptions']?.requests ?? 0);
    const perChannel = stats.totalRequests / channelCount;
    console.log(
      `  ${'total'.padEnd(22)} ${String(stats.totalRequests).padStart(8)}  ${perChannel.toFixed(3).padStart(11)}`,
    );
    console.log(
      `\n  app bucket: ${appRequests} requests = ${(appRequests / 800).toFixed(2)} min of an 800/min budget; simulated run time ${(elapsedMs / 1000).toFixed(1)} s`,
    );
    console.log(
      `  429 answers: ${sim.requests.filter((r) => r.status === 429).length}; retries: ${Object.values(stats.byEndpoint).reduce((s, e) => s + e.retries, 0)}`,
    );
    console.log(
      `  fetched: ${result.users.length} users, ${result.streams.length} live streams, ${[...result.videos.values()].flat().length} new videos, ${[...result.clips.values()].flat().length} new clips`,
    );
    console.log(
      `  target <= 3 requests per channel: ${perChannel <= 3 ? 'met' : 'NOT met'} (${perChannel.toFixed(2)})`,
    );
  } finally {
    await sim.close();
  }
}
