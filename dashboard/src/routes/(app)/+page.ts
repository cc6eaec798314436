import { createApi, orErrorPage } from '$lib/api';
import { parsePeriod, summarizeGrowth } from '$lib/metrics';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url }) => {
	const days = parsePeriod(url.searchParams.get('days'));
	const channel = url.searchParams.get('channel') ?? undefined;
	const api = createApi(fetch);

	const [overview, charts] = await orErrorPage(
		Promise.all([api.overview({ channel }), api.charts({ channel, days })])
	);

	return { days, overview, charts, growth: summarizeGrowth(charts.followerGrowth) };
};
