import { error, redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { ApiError, createApi, settle } from '$lib/api';
import { takeConsistencyToken } from '$lib/consistency';
import { DEFAULT_PERIOD, parsePage, parsePeriod, summarizeGrowth, type DayRange } from '$lib/metrics';
import type { GainWindow } from '$lib/types';
import type { PageLoad } from './$types';

const SESSIONS_PER_PAGE = 10;
const CONTENT_WINDOW: GainWindow = '7d';

const JUST_CONNECTED_WAIT_MS = 15_000;

/** Waits (bounded) until the overview knows the channel that was just linked; then the page loads as usual. */
async function untilOverviewAnswers(api: ReturnType<typeof createApi>, channel: string | undefined): Promise<void> {
  const deadline = Date.now() + JUST_CONNECTED_WAIT_MS;
  while (Date.now() < deadline) {
    try {
      await api.overview({ channel });
      return;
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 404) return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

export const load: PageLoad = async ({ fetch, url }) => {
  const period = parsePeriod(url.searchParams);
  const channel = url.searchParams.get('channel') ?? undefined;
  const page = parsePage(url.searchParams.get('page'));
  // Set by the Refresh button just before it reloads: every query waits for the refresh's data.
  const consistencyToken = takeConsistencyToken();
  const api = createApi(fetch);
  // Without a linked channel every analytics query is a 404: ask first, and send the user on to connect one.
  const connections = await settle(api.connections());
  if (!channel && connections.ok && connections.data.connections.length === 0)
    redirect(307, `${resolve('/connect')}${url.search}`);
  // The connect callback names the channel by its login (?channel=<login>): the API takes broadcaster ids.
  const byLogin = connections.ok
    ? connections.data.connections.find((c) => c.login.toLowerCase() === channel?.toLowerCase())
    : undefined;
  if (byLogin) {
    const params = new URLSearchParams(url.searchParams);
    params.set('channel', byLogin.broadcasterId);
    redirect(307, `${url.pathname}?${params}`);
  }
  // Just back from connecting: the read model may not show the new channel for a moment.
  if (url.searchParams.get('twitch') === 'connected') await untilOverviewAnswers(api, channel);

  // All requests go out together; overview and charts are the page itself, the rest are panels
  // that show their own error if they fail.
  const loadAll = async (range: DayRange) => {
    const primary = Promise.all([
      api.overview({ channel, consistencyToken }),
      api.charts({ channel, range, consistencyToken }),
    ]);
    const secondary = Promise.all([
      // Past streams: observed ones and those a backfill rebuilt from archives (marked), so a channel's past shows.
      settle(api.streamHistory({ channel, range, page, pageSize: SESSIONS_PER_PAGE, consistencyToken })),
      settle(api.content({ channel, limit: 5, window: CONTENT_WINDOW, consistencyToken })),
      settle(api.bestTimes({ channel, consistencyToken })),
      settle(api.growth({ channel, period: 'month', periods: 12 })),
    ]);
    return Promise.all([
      primary.then(
        (value) => ({ ok: true as const, value }),
        (e: unknown) => ({ ok: false as const, e }),
      ),
      secondary,
    ]);
  };
  let range = period.range;
  let periodProblem = period.problem;
  let [main, [sessions, content, bestTimes, growthTable]] = await loadAll(range);
  // A custom range only the server can judge (e.g. one ending after its today): say why, show the default.
  if (!main.ok && 'from' in range && main.e instanceof ApiError && main.e.status === 400) {
    periodProblem = `${main.e.message}, so the page shows the last ${DEFAULT_PERIOD} days.`;
    range = { days: DEFAULT_PERIOD };
    [main, [sessions, content, bestTimes, growthTable]] = await loadAll(range);
  }
  if (!main.ok) {
    const e = main.e;
    if (!(e instanceof ApiError)) throw e;
    error(e.status >= 400 && e.status <= 599 ? e.status : 503, e.message);
  }
  const [overview, charts] = main.value;

  return {
    // The window the server answered for (a custom range's length in days, both ends included).
    days: charts.days,
    range,
    periodProblem,
    overview: overview.data,
    consistency: overview.consistency,
    charts,
    growth: summarizeGrowth(charts.followerGrowth),
    sessions,
    content,
    bestTimes,
    growthTable,
    // The picker lists linked channels; without the list (or with one channel) it stays hidden.
    channels: connections.ok
      ? connections.data.connections.map((c) => ({ id: c.broadcasterId, name: c.displayName || c.login }))
      : [],
  };
};
