/**
 * The API benchmark's revalidation phase: how often a dashboard that revalidates its answers
 * (`If-None-Match`) gets 304 while other channels are live. Of CHANNELS channels (each its own
 * user's), every LIVE_EVERY-th is live: a poller appends a live sample to each live channel's
 * stream every POLL_EVERY_MS, which the projector applies. CLIENTS clients revalidate, for random
 * users, the answers they fetched before; the figure is the share of revalidations for channels
 * that are not live answered 304 (their answers did not change), against the target. Live
 * channels' revalidations are counted apart: their answers do change, so most get 200.
 */
import { channelStream, eventCatalogue } from '@creatorsync/projections';
import { randomUUID } from 'node:crypto';
import type { RunningSystem } from '../app/start-system.js';
import type { LocalAuthKeys } from '../auth/local-auth-keys.js';
import { issueLocalToken } from '../auth/local-token-issuer.js';
import { must } from '../must.js';
import { benchChannelId, benchUserId } from './api-seed.js';

const CHANNELS = 1000;
const LIVE_EVERY = 10;
const POLL_EVERY_MS = 500;
const CLIENTS = 16;
const PATHS = ['/api/analytics/overview', '/api/analytics/charts?days=90'];
const TARGET_SHARE_304 = 0.9;

interface Tally {
  revalidations: number;
  notModified: number;
  /** Answers other than 200 and 304, by status. */
  other: Record<string, number>;
}

const tally = (): Tally => ({ revalidations: 0, notModified: 0, other: {} });
const share = (t: Tally) => (t.revalidations === 0 ? NaN : t.notModified / t.revalidations);
const percent = (n: number) => `${(100 * n).toFixed(1)}%`;

/** Runs the phase on the seeded system (channels numbered from 1, as api-seed.ts seeds them) and prints its figures. */
export async function revalidationPhase(
  system: RunningSystem,
  keys: LocalAuthKeys,
  options: { channels: number; seconds: number },
): Promise<void> {
  const channels = Math.min(CHANNELS, options.channels);
  const isLive = (n: number) => n % LIVE_EVERY === 0;
  const live = Array.from({ length: channels }, (_, i) => i + 1).filter(isLive);
  console.log(
    `\n  revalidation: ${channels} channels, ${live.length} live (a sample each every ${POLL_EVERY_MS} ms), ${CLIENTS} clients revalidating ${PATHS.join(' and ')} for ${options.seconds} s`,
  );
  const tokens: string[] = [];
  for (let n = 1; n <= channels; n++) tokens.push((await issueLocalToken(keys, benchUserId(n))).token);
  const etags = new Map<string, string>();
  const ask = async (n: number, path: string) => {
    const key = `${n} ${path}`;
    const etag = etags.get(key);
    const response = await fetch(`${system.url}${path}`, {
      headers: {
        authorization: `Bearer ${must(tokens[n - 1], 'tokens[n - 1]')}`,
        ...(etag ? { 'if-none-match': etag } : {}),
      },
    });
    await response.arrayBuffer();
    const tag = response.headers.get('etag');
    if (tag) etags.set(key, tag);
    return { status: response.status, revalidated: etag !== undefined };
  };

  // Every user's answers fetched once: the copies the clients then revalidate.
  const firstFetches = Array.from({ length: channels }, (_, i) => PATHS.map((path) => [i + 1, path] as const)).flat();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (let next = firstFetches.pop(); next; next = firstFetches.pop()) {
        const { status } = await ask(...next);
        if (status !== 200) throw new Error(`revalidation phase: first fetch of ${next[1]} answered ${status}`);
      }
    }),
  );

  const startedAt = new Date(system.parts.clock.now().getTime() - 3_600_000).toISOString();
  const stopPolling = new AbortController();
  let samples = 0;
  let rounds = 0;
  const poller = (async () => {
    while (!stopPolling.signal.aborted) {
      const roundStart = performance.now();
      const fetchedAt = system.parts.clock.now().toISOString();
      await Promise.all(
        live.map((n) =>
          system.parts.eventStore.append(channelStream(benchChannelId(n)), [
            {
              id: randomUUID(),
              type: 'LiveStreamSampled',
              data: {
                broadcasterId: benchChannelId(n),
                stream: {
                  id: `bench-live-${n}`,
                  user_id: benchChannelId(n),
                  viewer_count: 50 + Math.floor(Math.random() * 500),
                  started_at: startedAt,
                  game_id: '509658',
                  game_name: 'Just Chatting',
                  title: `Bench live ${n}`,
                },
              },
              metadata: {
                correlationId: 'bench-revalidation',
                source: 'simulator',
                schemaVersion: eventCatalogue.LiveStreamSampled.version,
                fetchedAt,
              },
            },
          ]),
        ),
      );
      samples += live.length;
      rounds++;
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, POLL_EVERY_MS - (performance.now() - roundStart))),
      );
    }
  })();

  const notLive = tally();
  const liveTally = tally();
  const end = performance.now() + options.seconds * 1000;
  try {
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (performance.now() < end) {
          const n = 1 + Math.floor(Math.random() * channels);
          const { status, revalidated } = await ask(n, must(PATHS[Math.floor(Math.random() * PATHS.length)], 'path'));
          if (!revalidated) continue;
          const t = isLive(n) ? liveTally : notLive;
          t.revalidations++;
          if (status === 304) t.notModified++;
          else if (status !== 200) t.other[status] = (t.other[status] ?? 0) + 1;
        }
      }),
    );
  } finally {
    stopPolling.abort();
    await poller;
  }

  const other = (t: Tally) =>
    Object.entries(t.other)
      .map(([status, n]) => `${status}×${n}`)
      .join(' ') || '-';
  console.log(`  ${rounds} poll rounds, ${samples} live samples appended`);
  console.log(
    `  not live: ${notLive.revalidations} revalidations, ${percent(share(notLive))} answered 304 (other than 200/304: ${other(notLive)})`,
  );
  console.log(
    `  live:     ${liveTally.revalidations} revalidations, ${percent(share(liveTally))} answered 304 (other than 200/304: ${other(liveTally)})`,
  );
  const met = share(notLive) >= TARGET_SHARE_304;
  console.log(
    `    target >= ${percent(TARGET_SHARE_304)} of not-live revalidations answered 304: ${met ? 'met' : 'not met'} (${percent(share(notLive))})`,
  );
}
