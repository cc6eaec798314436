import { createApi, orErrorPage, settle } from '$lib/api';
import type { PageLoad } from './$types';

/** Reloaded every few seconds while a job runs (the page calls invalidate with this key). */
export const JOBS_DEPENDENCY = 'app:jobs';

export const load: PageLoad = async ({ fetch, depends }) => {
  depends(JOBS_DEPENDENCY);
  const api = createApi(fetch);
  const [jobs, connections] = await Promise.all([orErrorPage(api.jobs({ limit: 25 })), settle(api.connections())]);
  return {
    jobs: jobs.jobs,
    channelNames: Object.fromEntries(
      connections.ok
        ? connections.data.connections.map((c): [string, string] => [c.broadcasterId, c.displayName || c.login])
        : [],
    ),
  };
};
