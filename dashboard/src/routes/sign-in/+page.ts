import { redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { ApiError, createApi } from '$lib/api';
import { getSession } from '$lib/session';
import type { AuthConfig } from '$lib/types';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url }) => {
  if (getSession()) redirect(307, resolve('/'));

  const expired = url.searchParams.get('reason') === 'expired';
  try {
    const config: AuthConfig = await createApi(fetch).authConfig();
    return { config, configError: null, expired };
  } catch (e) {
    // The form can't work without knowing the mode, but the page still explains why.
    if (e instanceof ApiError) return { config: null, configError: e.message, expired };
    throw e;
  }
};
