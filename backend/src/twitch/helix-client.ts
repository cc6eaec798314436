/**
 * The only code that knows Helix. Batches ids 100 per request, follows cursors with
 * de-duplication, walks time windows past the clips cap, and returns typed objects that keep
 * every raw field. Any failure is a typed error naming the endpoint; nothing half-fetched is
 * returned.
 */
import { z } from 'zod';
import { AppTokenProvider } from './app-token-provider.js';
import { batchesOf } from './batching.js';
import { walkClipWindows } from './clip-windows.js';
import { systemClock, type Clock } from '../clock.js';
import { HelixResponseError } from './errors.js';
import {
  helixChannelSchema,
  helixClipSchema,
  helixFollowerSchema,
  helixGameSchema,
  helixListSchema,
  helixStreamSchema,
  helixSubscriptionSchema,
  helixUserSchema,
  helixVideoSchema,
  type HelixChannel,
  type HelixClip,
  type HelixFollower,
  type HelixGame,
  type HelixStream,
  type HelixUser,
  type HelixVideo,
} from './helix-types.js';
import {
  DEFAULT_RETRY,
  HelixTransport,
  type HelixAuth,
  type HelixParams,
  type RetryOptions,
} from './helix-transport.js';
import { silentLogger, type Logger } from './logger.js';
import { TwitchOAuthClient } from './oauth-client.js';
import { collectPages } from './pagination.js';
import { allOrNothing } from './sibling-requests.js';
import type { RateLimiterStats } from './rate-limiter.js';
import { HelixRequestStats, type EndpointStats } from './request-stats.js';
import type { RateBudget } from './rate-budget.js';
import { UserTokenProvider } from './user-token-provider.js';
import type { UserTokenStore } from './user-token-store.js';

export interface HelixClientOptions {
  helixBaseUrl: string;
  authBaseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Requests in flight at once per rate-limit bucket. */
  concurrency?: number;
  clock?: Clock;
  logger?: Logger;
  retry?: Partial<RetryOptions>;
  userTokenStore?: UserTokenStore;
  /** Helix's clips cap ("about 1,000"); windows returning this many are split. */
  clipResultCap?: number;
  /** Where each bucket's budget lives ("app", "user:<id>"); default: in this process. */
  rateBudgets?: (bucket: string) => RateBudget;
}

/** Calls made with a user's token: `userId` is the Twitch user whose stored tokens are used. */
export interface UserAuth {
  userId: string;
}

export interface HelixRequestReport {
  totalRequests: number;
  byEndpoint: Record<string, EndpointStats>;
  /** Rate budget per bucket ("app", "user:<id>"): permits granted, time waited, last limit/remaining. */
  buckets: Record<string, RateLimiterStats>;
}

const PAGE = 100;
const APP: HelixAuth = { kind: 'app' };
const auth = (userAuth?: UserAuth): HelixAuth => (userAuth ? { kind: 'user', userId: userAuth.userId } : APP);
const numberField = z.number();
const withoutPagination = ({ pagination: _pagination, ...rest }: Record<string, unknown>) => rest;

export class HelixClient {
  readonly oauth: TwitchOAuthClient;
  readonly userTokens: UserTokenProvider | undefined;
  private readonly appTokens: AppTokenProvider;
  private readonly transport: HelixTransport;
  private readonly stats = new HelixRequestStats();
  private readonly clipResultCap: number;

  constructor(options: HelixClientOptions) {
    const clock = options.clock ?? systemClock;
    const logger = options.logger ?? silentLogger;
    const retry = { ...DEFAULT_RETRY, ...options.retry };
    this.clipResultCap = options.clipResultCap ?? 1_000;
    this.oauth = new TwitchOAuthClient({
      ...options,
      clock,
      timeoutMs: Math.max(retry.timeoutMs, retry.retryTimeoutMs ?? 0),
    });
    this.appTokens = new AppTokenProvider(this.oauth, clock, logger);
    this.userTokens = options.userTokenStore
      ? new UserTokenProvider(options.userTokenStore, this.oauth, clock, logger)
      : undefined;
    this.transport = new HelixTransport({
      helixBaseUrl: options.helixBaseUrl,
      clientId: options.clientId,
      clock,
      concurrency: options.concurrency ?? 8,
      retry,
      logger,
      stats: this.stats,
      appTokens: this.appTokens,
      userTokens: this.userTokens,
      rateBudgets: options.rateBudgets,
    });
  }

  async getUsers(query: { ids?: readonly string[]; logins?: readonly string[] }): Promise<HelixUser[]> {
    // Helix allows 100 ids and logins together per request.
    const keys: Array<['id' | 'login', string]> = [
      ...[...new Set(query.ids ?? [])].map((v): ['id', string] => ['id', v]),
      ...[...new Set(query.logins ?? [])].map((v): ['login', string] => ['login', v]),
    ];
    const pages = await allOrNothing(
      batchesOf(keys).map((batch) => (signal: AbortSignal) => {
        const params = {
          id: batch.filter(([k]) => k === 'id').map(([, v]) => v),
          login: batch.filter(([k]) => k === 'login').map(([, v]) => v),
        };
        return this.list('/users', params, helixUserSchema, APP, {}, signal);
      }),
    );
    return dedupe(
      pages.flatMap((p) => p.data),
      (u) => u.id,
    );
  }

  async getChannels(broadcasterIds: readonly string[]): Promise<HelixChannel[]> {
    const pages = await allOrNothing(
      batchesOf(broadcasterIds).map(
        (ids) => (signal: AbortSignal) =>
          this.list('/channels', { broadcaster_id: ids }, helixChannelSchema, APP, {}, signal),
      ),
    );
    return pages.flatMap((p) => p.data);
  }

  /** Works with the app token (total only); `raw` is the response body without pagination. */
  async getFollowerTotal(
    broadcasterId: string,
    userAuth?: UserAuth,
  ): Promise<{ total: number; raw: Record<string, unknown> }> {
    const body = await this.list(
      '/channels/followers',
      { broadcaster_id: broadcasterId, first: 1 },
      helixFollowerSchema,
      auth(userAuth),
      { total: numberField },
    );
    return { total: body.total as number, raw: withoutPagination(body) };
  }

  /** The list needs the broadcaster's (or a moderator's) token with moderator:read:followers; otherwise it is empty. */
  async getFollowers(
    broadcasterId: string,
    userAuth: UserAuth,
    options: { max?: number } = {},
  ): Promise<{ total: number; followers: HelixFollower[] }> {
    let total = 0;
    const followers = await collectPages(
      async (after) => {
        const body = await this.list(
          '/channels/followers',
          { broadcaster_id: broadcasterId, first: PAGE, after },
          helixFollowerSchema,
          auth(userAuth),
          { total: numberField },
        );
        total = body.total as number;
        return { items: body.data, cursor: body.pagination?.cursor };
      },
      { endpoint: '/channels/followers', idOf: (f) => f.user_id, maxItems: options.max },
    );
    return { total, followers };
  }

  /**
   * One page of the follower list (newest first), for walks that record their cursor (backfills).
   * Needs the broadcaster's (or a moderator's) token with moderator:read:followers.
   */
  async getFollowersPage(
    broadcasterId: string,
    userAuth: UserAuth,
    after?: string,
  ): Promise<{ total: number; followers: HelixFollower[]; cursor: string | undefined }> {
    const body = await this.list(
      '/channels/followers',
      { broadcaster_id: broadcasterId, first: PAGE, after },
      helixFollowerSchema,
      auth(userAuth),
      { total: numberField },
    );
    return { total: body.total as number, followers: body.data, cursor: body.pagination?.cursor };
  }

  /** One page of a user's videos of every type, newest first, for walks that record their cursor. */
  async getVideosPage(userId: string, after?: string): Promise<{ videos: HelixVideo[]; cursor: string | undefined }> {
    const body = await this.list(
      '/videos',
      { user_id: userId, type: 'all', sort: 'time', first: PAGE, after },
      helixVideoSchema,
    );
    return { videos: body.data, cursor: body.pagination?.cursor };
  }

  /** Needs the broadcaster's own token with channel:read:subscriptions. */
  async getSubscriptionSummary(
    broadcasterId: string,
    userAuth: UserAuth,
  ): Promise<{ total: number; points: number; raw: Record<string, unknown> }> {
    const body = await this.list(
      '/subscriptions',
      { broadcaster_id: broadcasterId, first: 1 },
      helixSubscriptionSchema,
      auth(userAuth),
      { total: numberField, points: numberField },
    );
    return { total: body.total as number, points: body.points as number, raw: withoutPagination(body) };
  }

  /** Live streams among these users (offline ones are simply absent). */
  async getStreams(query: { userIds?: readonly string[]; userLogins?: readonly string[] }): Promise<HelixStream[]> {
    const requests = [
      ...batchesOf(query.userIds ?? []).map((ids) => ({ user_id: ids })),
      ...batchesOf(query.userLogins ?? []).map((logins) => ({ user_login: logins })),
    ];
    const lists = await allOrNothing(
      requests.map(
        (filter) => (signal: AbortSignal) =>
          collectPages(
            async (after) => {
              const params = { ...filter, first: PAGE, after };
              const body = await this.list('/streams', params, helixStreamSchema, APP, {}, signal);
              return { items: body.data, cursor: body.pagination?.cursor };
            },
            { endpoint: '/streams', idOf: (s) => s.id },
          ),
      ),
    );
    return dedupe(lists.flat(), (s) => s.id);
  }

  /** A user's videos, newest first; with `since`, paging stops at the first older video. */
  async getVideos(
    userId: string,
    options: { type?: 'all' | 'archive' | 'highlight' | 'upload'; since?: Date; max?: number; as?: UserAuth } = {},
  ): Promise<HelixVideo[]> {
    const sinceMs = options.since?.getTime() ?? -Infinity;
    const isNew = (v: HelixVideo) => Date.parse(v.created_at) >= sinceMs;
    const videos = await collectPages(
      async (after) => {
        const body = await this.list(
          '/videos',
          { user_id: userId, type: options.type, sort: 'time', first: PAGE, after },
          helixVideoSchema,
          auth(options.as),
        );
        return { items: body.data, cursor: body.pagination?.cursor };
      },
      {
        endpoint: '/videos',
        idOf: (v) => v.id,
        maxItems: options.max,
        stopAfter: (page) => page.some((v) => !isNew(v)),
      },
    );
    return videos.filter(isNew);
  }

  /** Current state (views, duration) of known videos, 100 per request; deleted ones are absent. */
  async getVideosByIds(ids: readonly string[]): Promise<HelixVideo[]> {
    const pages = await allOrNothing(
      batchesOf(ids).map(
        (batch) => (signal: AbortSignal) =>
          // Helix answers 404 when none of the ids exists any more: that batch has no videos.
          this.list('/videos', { id: batch }, helixVideoSchema, APP, {}, signal).catch((error: unknown) => {
            if (error instanceof HelixResponseError && error.status === 404) return { data: [] as HelixVideo[] };
            throw error;
          }),
      ),
    );
    return pages.flatMap((p) => p.data);
  }

  /**
   * A channel's most viewed clips, whatever their age: GET /clips without dates answers in view
   * order, so one page of `first` is the top `first` (the long tail whose views keep growing).
   */
  async getTopClips(broadcasterId: string, options: { first?: number; as?: UserAuth } = {}): Promise<HelixClip[]> {
    const body = await this.list(
      '/clips',
      { broadcaster_id: broadcasterId, first: options.first ?? PAGE },
      helixClipSchema,
      auth(options.as),
    );
    return dedupe(body.data, (c) => c.id);
  }

  /** Clips created in [startedAt, endedAt), every one of them despite Helix's ~1,000 cap. */
  async getClips(
    broadcasterId: string,
    window: { startedAt: Date; endedAt: Date },
    as?: UserAuth,
  ): Promise<HelixClip[]> {
    return walkClipWindows(
      { start: window.startedAt, end: window.endedAt },
      (w) =>
        collectPages(
          async (after) => {
            const params = {
              broadcaster_id: broadcasterId,
              started_at: w.start.toISOString(),
              ended_at: w.end.toISOString(),
              first: PAGE,
              after,
            };
            const body = await this.list('/clips', params, helixClipSchema, auth(as));
            return { items: body.data, cursor: body.pagination?.cursor };
          },
          { endpoint: '/clips', idOf: (c) => c.id },
        ),
      (c) => c.id,
      { capThreshold: Math.floor(this.clipResultCap * 0.95), minWindowMs: 60 * 60_000 },
    );
  }

  async getGames(ids: readonly string[]): Promise<HelixGame[]> {
    const pages = await allOrNothing(
      batchesOf(ids).map(
        (batch) => (signal: AbortSignal) => this.list('/games', { id: batch }, helixGameSchema, APP, {}, signal),
      ),
    );
    return pages.flatMap((p) => p.data);
  }

  /** After the user approved on Twitch's authorize page (see oauth.authorizeUrl): store their tokens. */
  connectUser(code: string, redirectUri: string): Promise<{ userId: string; login?: string; scopes: string[] }> {
    if (!this.userTokens) throw new Error('HelixClient needs a userTokenStore to connect users');
    return this.userTokens.connect(code, redirectUri);
  }

  /** Twitch requires validating tokens hourly; schedule this (first use also validates lazily). */
  async validateTokens(): Promise<{ appTokenValid: boolean; usersNeedingReauth: string[] }> {
    const appTokenValid = await this.appTokens.validateNow();
    return { appTokenValid, usersNeedingReauth: (await this.userTokens?.validateAll()) ?? [] };
  }

  requestStats(): HelixRequestReport {
    return {
      totalRequests: this.stats.totalRequests(),
      byEndpoint: this.stats.byEndpoint(),
      buckets: this.transport.limiterStats(),
    };
  }

  resetRequestStats(): void {
    this.stats.reset();
  }

  private async list<Item extends z.ZodType>(
    endpoint: string,
    params: HelixParams,
    item: Item,
    as: HelixAuth = APP,
    extra: z.ZodRawShape = {},
    signal?: AbortSignal,
  ) {
    const body = await this.transport.get(endpoint, params, as, signal);
    const parsed = helixListSchema(item, extra).safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new HelixResponseError(
        endpoint,
        200,
        'unexpected-shape',
        `${issue?.path.join('.') || '(body)'}: ${issue?.message ?? 'invalid'}`,
      );
    }
    return parsed.data as { data: z.infer<Item>[]; pagination?: { cursor?: string } } & Record<string, unknown>;
  }
}

function dedupe<T>(items: T[], idOf: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [idOf(item), item])).values()];
}

/** Nest injection token for the HelixClient the app is given. */
export const HELIX_CLIENT = Symbol('HelixClient');
