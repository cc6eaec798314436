/**
 * The one HTTP client for the CreatorSync REST API. Pages call it from their
 * `load` functions (passing SvelteKit's `fetch`); components never fetch.
 */
import { error, isRedirect, redirect, type Redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';
import type { DayRange } from './metrics';
import { clearSession, getSession } from './session';
import type {
  AuthConfig,
  BackfillAccepted,
  BackfillList,
  BackfillView,
  DemoHistoryResponse,
  StartBackfill,
  StreamHistoryResponse,
  StreamReport,
  SystemStatsResponse,
  BestTimesResponse,
  ChartsResponse,
  Consistency,
  ConnectionsResponse,
  ContentResponse,
  ExportDataset,
  AuthorizeUrlResponse,
  GainWindow,
  GrowthResponse,
  JobAccepted,
  JobsResponse,
  LocalSignInResponse,
  OverviewResponse,
  ProjectionOperation,
  ProjectionOperationList,
} from './types';

/** A failed API call: the HTTP status (0 when the server could not be reached) and the server's message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body?: unknown,
    /** Seconds from Retry-After on a 429 (cooldown or rate limit), when the server sent it. */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const SIGN_IN_PATH = '/sign-in';

/** Where a call sends a signed-out user: the sign-in page, saying so when the session expired. */
function signInLocation(expired: boolean): ResolvedPathname {
  return expired ? resolve(`${SIGN_IN_PATH}?reason=expired`) : resolve(SIGN_IN_PATH);
}

/** Whether `e` is a call's redirect to sign in, the user being signed out (see `send`). */
export function isSignInRedirect(e: unknown): e is Redirect & { location: ResolvedPathname } {
  return isRedirect(e) && [signInLocation(false), signInLocation(true)].some((location) => location === e.location);
}

type Query = Record<string, string | number | undefined>;

interface RequestOptions {
  method?: 'GET' | 'POST' | 'DELETE';
  query?: Query;
  body?: unknown;
  /** Send the bearer token and treat 401 as "signed out". Off for the sign-in calls themselves. */
  auth?: boolean;
  /** Read-your-writes: the answer waits until the projections have caught up with this job. */
  consistencyToken?: string;
}

/** A query's answer with what the server said about freshness (null when no token was sent). */
export interface WithConsistency<T> {
  data: T;
  consistency: Consistency | null;
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

function retryAfterSeconds(response: Response): number | null {
  const raw = response.headers.get('Retry-After');
  if (raw === null) return null;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(raw); // Retry-After may also be an HTTP date
  return Number.isFinite(date) ? Math.max(0, Math.ceil((date - Date.now()) / 1000)) : null;
}

/** Sends a request with the session's token; throws ApiError for anything but 2xx (and signs out on 401). */
async function send(fetchFn: typeof fetch, path: string, options: RequestOptions, accept: string): Promise<Response> {
  const { method = 'GET', query, body, auth = true, consistencyToken } = options;
  const headers: Record<string, string> = { Accept: accept };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (consistencyToken) headers['X-Consistency-Token'] = consistencyToken;
  if (auth) {
    const session = getSession();
    if (!session) redirect(307, signInLocation(false));
    headers.Authorization = `Bearer ${session.token}`;
  }

  let response: Response;
  try {
    response = await fetchFn(withQuery(path, query), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'Could not reach the CreatorSync server. Check that it is running and try again.');
  }

  if (response.status === 401 && auth) {
    // The token expired or was revoked: forget it and start over at sign-in.
    clearSession();
    redirect(307, signInLocation(true));
  }
  if (!response.ok) {
    const payload = await readBody(response);
    throw new ApiError(
      response.status,
      messageFrom(payload, response.status, response.statusText),
      payload,
      retryAfterSeconds(response),
    );
  }
  return response;
}

async function requestWithConsistency<T>(
  fetchFn: typeof fetch,
  path: string,
  options: RequestOptions = {},
): Promise<WithConsistency<T>> {
  const response = await send(fetchFn, path, options, 'application/json');
  const header = response.headers.get('X-Consistency');
  const consistency = header === 'fresh' || header === 'timeout' ? header : null;
  return { data: (await readBody(response)) as T, consistency };
}

async function request<T>(fetchFn: typeof fetch, path: string, options: RequestOptions = {}): Promise<T> {
  return (await requestWithConsistency<T>(fetchFn, path, options)).data;
}

/** The file name from Content-Disposition (`attachment; filename="x.csv"`), if any. */
function fileNameOf(response: Response): string | null {
  const header = response.headers.get('Content-Disposition') ?? '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(header);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

export interface ChannelQuery {
  /** Twitch broadcaster id; the server picks the user's default channel when omitted. */
  channel?: string;
  /** See RequestOptions.consistencyToken. */
  consistencyToken?: string;
}

/** Binds the client to a fetch implementation: SvelteKit's in `load`, the global one elsewhere. */
export function createApi(fetchFn: typeof fetch = fetch) {
  return {
    authConfig: () => request<AuthConfig>(fetchFn, '/api/auth/config', { auth: false }),

    /** Local mode: `admin` asks for a token with the admin role (the embedded default's owner administers it). */
    signInLocal: (userId: string, admin = false) =>
      request<LocalSignInResponse>(fetchFn, '/api/auth/local/sign-in', {
        method: 'POST',
        body: { userId, admin },
        auth: false,
      }),

    overview: ({ channel, consistencyToken }: ChannelQuery = {}) =>
      requestWithConsistency<OverviewResponse>(fetchFn, '/api/analytics/overview', {
        query: { channel },
        consistencyToken,
      }),

    /** `range`: `{ days }` ending today, or a custom `{ from, to }` (a 400 says what is wrong with it). */
    charts: ({ channel, range, consistencyToken }: ChannelQuery & { range: DayRange }) =>
      request<ChartsResponse>(fetchFn, '/api/analytics/charts', { query: { channel, ...range }, consistencyToken }),

    /** Past streams, observed and reconstructed by a backfill (marked `reconstructed`), newest first, paged. */
    streamHistory: ({
      channel,
      range,
      page,
      pageSize,
      consistencyToken,
    }: ChannelQuery & { range: DayRange; page: number; pageSize: number }) =>
      request<StreamHistoryResponse>(fetchFn, '/api/analytics/stream-history', {
        query: { channel, ...range, page, pageSize },
        consistencyToken,
      }),

    content: ({ channel, limit, window, consistencyToken }: ChannelQuery & { limit: number; window: GainWindow }) =>
      request<ContentResponse>(fetchFn, '/api/analytics/content', {
        query: { channel, limit, window },
        consistencyToken,
      }),

    bestTimes: ({ channel, consistencyToken }: ChannelQuery = {}) =>
      request<BestTimesResponse>(fetchFn, '/api/analytics/best-times', { query: { channel }, consistencyToken }),

    jobs: ({ limit = 20, job }: { limit?: number; job?: string } = {}) =>
      request<JobsResponse>(fetchFn, '/api/analytics/jobs', { query: { limit, job } }),

    growth: ({ channel, period, periods }: ChannelQuery & { period: GrowthResponse['period']; periods: number }) =>
      request<GrowthResponse>(fetchFn, '/api/analytics/growth', { query: { channel, period, periods } }),

    /** One stream of the user's channels in full: curve, changes, totals, clips, VOD (404 when not theirs). */
    streamReport: (streamId: string) =>
      request<StreamReport>(fetchFn, `/api/analytics/streams/${encodeURIComponent(streamId)}`),

    /** The first start's demo-history recording (the banner "Recording demo history: day N of M"). */
    demoHistory: () => request<DemoHistoryResponse>(fetchFn, '/api/analytics/demo-history'),

    connections: () => request<ConnectionsResponse>(fetchFn, '/api/twitch/connections'),

    /** Twitch's authorize URL for linking a channel; the browser goes there to start the connect flow. */
    connectUrl: () => request<AuthorizeUrlResponse>(fetchFn, '/api/twitch/connect'),

    /** Collect now (the Jobs page): the user's channels, in full; 429 with Retry-After within the cooldown. */
    trigger: () => request<JobAccepted>(fetchFn, '/api/analytics/trigger', { method: 'POST' }),

    refresh: () => request<JobAccepted>(fetchFn, '/api/analytics/refresh', { method: 'POST' }),

    /** Admin: channels, events, projections, jobs, Helix use (403 without the admin role). */
    system: () => request<SystemStatsResponse>(fetchFn, '/api/analytics/system'),

    /** Admin: run the daily collection for every connected channel now. */
    triggerDaily: () => request<JobAccepted>(fetchFn, '/api/analytics/daily', { method: 'POST' }),

    /** Admin: every backfill, newest first, with progress and ETA. */
    backfills: () => request<BackfillList>(fetchFn, '/api/admin/backfills'),

    /** Admin: start a backfill (a dry run only estimates its requests and time). */
    startBackfill: (body: StartBackfill) =>
      request<BackfillAccepted>(fetchFn, '/api/admin/backfills', { method: 'POST', body }),

    /** Admin: cancel a running backfill; what it recorded stays. */
    cancelBackfill: (jobId: string) =>
      request<BackfillView>(fetchFn, `/api/admin/backfills/${encodeURIComponent(jobId)}`, { method: 'DELETE' }),

    /** Admin: rebuilds and replays started on any server instance, newest first, with progress. */
    projectionOperations: () => request<ProjectionOperationList>(fetchFn, '/api/admin/projections/operations'),

    /** Admin: rebuild one projection from the log into a new build (409 while another runs). */
    rebuildProjection: (name: string) =>
      request<ProjectionOperation>(fetchFn, `/api/admin/projections/${encodeURIComponent(name)}/rebuild`, {
        method: 'POST',
      }),

    /** Admin: replay every projection from the log into new builds (409 while another runs). */
    replayProjections: () => request<ProjectionOperation>(fetchFn, '/api/admin/projections/replay', { method: 'POST' }),

    /** An export as a file (the API needs the Authorization header, so no plain link can fetch it). */
    exportFile: async ({ channel, dataset, range }: ChannelQuery & { dataset: ExportDataset; range: DayRange }) => {
      const response = await send(
        fetchFn,
        '/api/analytics/export',
        { query: { channel, dataset, format: 'csv', ...range } },
        'text/csv',
      );
      return { blob: await response.blob(), fileName: fileNameOf(response) ?? `${dataset}.csv` };
    },
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
    throwAsErrorPage(e);
  }
}

/** For `load` functions: a failed call as SvelteKit's error page (see `orErrorPage`); anything else is rethrown. */
export function throwAsErrorPage(e: unknown): never {
  if (e instanceof ApiError) error(e.status >= 400 && e.status <= 599 ? e.status : 503, e.message);
  throw e;
}

/** A secondary part of a page: its data, or the message to show in its place. */
export type Loaded<T> = { ok: true; data: T } | { ok: false; status: number; message: string };

/**
 * For `load` functions: lets one panel fail without taking the page down. API failures become
 * a message for that panel (shown, never swallowed); redirects and anything else pass through.
 */
export async function settle<T>(pending: Promise<T>): Promise<Loaded<T>> {
  try {
    return { ok: true, data: await pending };
  } catch (e) {
    if (e instanceof ApiError) return { ok: false, status: e.status, message: e.message };
    throw e;
  }
}
