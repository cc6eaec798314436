/**
 * The one HTTP client for the CreatorSync REST API. Pages call it from their
 * `load` functions (passing SvelteKit's `fetch`); components never fetch.
 */
import { error, redirect } from '@sveltejs/kit';
import { clearSession, getSession } from './session';
import type { AuthConfig, ChartsResponse, LocalSignInResponse, OverviewResponse } from './types';

/** A failed API call: the HTTP status (0 when the server could not be reached) and the server's message. */
export class ApiError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly body: unknown = undefined
	) {
		super(message);
		this.name = 'ApiError';
	}
}

export const SIGN_IN_PATH = '/sign-in';

type Query = Record<string, string | number | undefined>;

interface RequestOptions {
	method?: 'GET' | 'POST';
	query?: Query;
	body?: unknown;
	/** Send the bearer token and treat 401 as "signed out". Off for the sign-in calls themselves. */
	auth?: boolean;
}

function withQuery(path: string, query: Query = {}): string {
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(query)) {
		if (value !== undefined && value !== '') params.set(key, String(value));
	}
	const qs = params.toString();
	return qs ? `${path}?${qs}` : path;
}

/** Pulls a human message out of NestJS errors ({ message }), problem details ({ detail, title }) or plain text. */
function messageFrom(body: unknown, status: number, statusText: string): string {
	if (typeof body === 'object' && body !== null) {
		const b = body as Record<string, unknown>;
		const candidate = b.detail ?? b.message ?? b.title ?? b.error;
		if (Array.isArray(candidate)) return candidate.join('; ');
		if (typeof candidate === 'string' && candidate.trim()) return candidate;
	}
	if (typeof body === 'string' && body.trim() && body.length < 300) return body.trim();
	return `The server answered ${status}${statusText ? ` ${statusText}` : ''}.`;
}

async function readBody(response: Response): Promise<unknown> {
	const text = await response.text();
	if (!text) return undefined;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

async function request<T>(fetchFn: typeof fetch, path: string, options: RequestOptions = {}): Promise<T> {
	const { method = 'GET', query, body, auth = true } = options;
	const headers: Record<string, string> = { Accept: 'application/json' };
	if (body !== undefined) headers['Content-Type'] = 'application/json';
	if (auth) {
		const session = getSession();
		if (!session) redirect(307, SIGN_IN_PATH);
		headers.Authorization = `Bearer ${session.token}`;
	}

	let response: Response;
	try {
		response = await fetchFn(withQuery(path, query), {
			method,
			headers,
			body: body === undefined ? undefined : JSON.stringify(body)
		});
	} catch {
		throw new ApiError(0, 'Could not reach the CreatorSync server. Check that it is running and try again.');
	}

	const payload = await readBody(response);
	if (response.status === 401 && auth) {
		// The token expired or was revoked: forget it and start over at sign-in.
		clearSession();
		redirect(307, `${SIGN_IN_PATH}?reason=expired`);
	}
	if (!response.ok) {
		throw new ApiError(response.status, messageFrom(payload, response.status, response.statusText), payload);
	}
	return payload as T;
}

export interface ChannelQuery {
	/** Twitch broadcaster id; the server picks the user's default channel when omitted. */
	channel?: string;
}

/** Binds the client to a fetch implementation: SvelteKit's in `load`, the global one elsewhere. */
export function createApi(fetchFn: typeof fetch = fetch) {
	return {
		authConfig: () => request<AuthConfig>(fetchFn, '/api/auth/config', { auth: false }),

		signInLocal: (userId: string) =>
			request<LocalSignInResponse>(fetchFn, '/api/auth/local/sign-in', {
				method: 'POST',
				body: { userId },
				auth: false
			}),

		overview: ({ channel }: ChannelQuery = {}) =>
			request<OverviewResponse>(fetchFn, '/api/analytics/overview', { query: { channel } }),

		charts: ({ channel, days }: ChannelQuery & { days: number }) =>
			request<ChartsResponse>(fetchFn, '/api/analytics/charts', { query: { channel, days } })
	};
}

export type Api = ReturnType<typeof createApi>;

/**
 * For `load` functions: turns an ApiError into SvelteKit's error page (with the
 * server's message) so pages don't each handle failures; redirects pass through.
 */
export async function orErrorPage<T>(pending: Promise<T>): Promise<T> {
	try {
		return await pending;
	} catch (e) {
		if (e instanceof ApiError) error(e.status >= 400 && e.status <= 599 ? e.status : 503, e.message);
		throw e;
	}
}
