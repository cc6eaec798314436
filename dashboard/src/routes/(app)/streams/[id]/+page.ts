// The stream report's data: one stream of the user's channels. A stream that is not theirs (or
// does not exist) is a 404 the error page explains, with a way back to the overview.
import { createApi, orErrorPage } from '$lib/api';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => {
  const report = await orErrorPage(createApi(fetch).streamReport(params.id));
  return { report };
};
