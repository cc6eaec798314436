// Everything in the (app) group needs a session; without one, go and sign in first.
import { redirect } from '@sveltejs/kit';
import { SIGN_IN_PATH } from '$lib/api';
import { getSession } from '$lib/session';
import type { LayoutLoad } from './$types';

export const load: LayoutLoad = () => {
  const session = getSession();
  if (!session) redirect(307, SIGN_IN_PATH);
  return { userId: session.userId, admin: session.admin === true };
};
