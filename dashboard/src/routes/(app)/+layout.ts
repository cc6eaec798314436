// Everything in the (app) group needs a session; without one, go and sign in first.
import { redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { createApi, settle, SIGN_IN_PATH } from '$lib/api';
import { DEMO_HISTORY } from '$lib/demo-history';
import { getSession } from '$lib/session';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = async ({ fetch, depends }) => {
  const session = getSession();
  if (!session) redirect(307, resolve(SIGN_IN_PATH));
  depends(DEMO_HISTORY);
  // The banner is a hint: when the question fails, it stays away rather than taking the page down.
  const demoHistory = await settle(createApi(fetch).demoHistory());
  return {
    userId: session.userId,
    admin: session.admin === true,
    demoHistory: demoHistory.ok ? demoHistory.data : null,
  };
};
