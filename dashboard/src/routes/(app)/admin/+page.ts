// The admin console's data: system statistics, the backfills and the projection rebuilds. A session without the admin role
// is told how to get one (no request: the API would only answer 403); should the API refuse an
// admin session anyway, its 403 message is shown the same way.
import { ApiError, createApi, throwAsErrorPage } from '$lib/api';
import { getSession } from '$lib/session';
import type { PageLoad } from './$types';

/** Reloaded every few seconds while a backfill or job runs (the page calls invalidate with this key). */
export const ADMIN_DEPENDENCY = 'app:admin';

const NOT_ADMIN =
  'Admin only: you are signed in without the admin role. Sign in again with “Sign in as an admin” ticked.';

export const load: PageLoad = async ({ fetch, depends }) => {
  depends(ADMIN_DEPENDENCY);
  if (!getSession()?.admin) return { forbidden: true as const, message: NOT_ADMIN };
  const api = createApi(fetch);
  try {
    const [stats, backfills, operations] = await Promise.all([
      api.system(),
      api.backfills(),
      api.projectionOperations(),
    ]);
    return {
      forbidden: false as const,
      stats,
      backfills: backfills.backfills,
      operations: operations.operations,
    };
  } catch (e) {
    if (e instanceof ApiError && e.status === 403) return { forbidden: true as const, message: e.message };
    throwAsErrorPage(e);
  }
};
