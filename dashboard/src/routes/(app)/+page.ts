import { createApi, orErrorPage, settle } from '$lib/api';
import { takeConsistencyToken } from '$lib/consistency';
import { parsePage, parsePeriod, summarizeGrowth } from '$lib/metrics';
import type { GainWindow } from '$lib/types';
import type { PageLoad } from './$types';

const SESSIONS_PER_PAGE = 10;
const CONTENT_WINDOW: GainWindow = '7d';

export const load: PageLoad = async ({ fetch, url }) => {
  const days = parsePeriod(url.searchParams.get('days'));
  const channel = url.searchParams.get('channel') ?? undefined;
  const page = parsePage(url.searchParams.get('page'));
  // Set by the Refresh button just before it reloads: every query waits for the refresh's data.
  const consistencyToken = takeConsistencyToken();
  const api = createApi(fetch);

  // All requests go out together; overview and charts are the page itself, the rest are panels
  // that show their own error if they fail.
  const primary = Promise.all([
    api.overview({ channel, consistencyToken }),
    api.charts({ channel, days, consistencyToken }),
  ]);
  const secondary = Promise.all([
    settle(api.detailed({ channel, days, page, pageSize: SESSIONS_PER_PAGE, consistencyToken })),
    settle(api.content({ channel, limit: 5, window: CONTENT_WINDOW, consistencyToken })),
    settle(api.bestTimes({ channel, consistencyToken })),
    settle(api.connections()),
  ]);
  const [[overview, charts], [detailed, content, bestTimes, connections]] = await Promise.all([
    orErrorPage(primary),
    secondary,
  ]);

  return {
    days,
    overview: overview.data,
    consistency: overview.consistency,
    charts,
    growth: summarizeGrowth(charts.followerGrowth),
    detailed,
    content,
    bestTimes,
    // The picker lists linked channels; without the list (or with one channel) it stays hidden.
    channels: connections.ok
      ? connections.data.connections.map((c) => ({ id: c.broadcasterId, name: c.displayName || c.login }))
      : [],
  };
};
