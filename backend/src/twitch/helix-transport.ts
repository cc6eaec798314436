/**
 * One Helix GET, done properly: a permit from the caller's bucket limiter, then the bucket's
 * current token (taken only once the permit is granted, so requests queued behind the limiter
 * send a token renewed while they waited),
 * retries with backoff on 5xx/network errors (axios-retry, on the injected clock), waiting out a
 * 429 until the bucket resets, one token renewal on 401, and the body parsed as JSON or raised
 * as a typed error naming the endpoint.
 */
import axios, { type AxiosError, type AxiosInstance, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios';
import axiosRetry from 'axios-retry';
import type { AppTokenProvider } from './app-token-provider.js';
import { backoffDelayMs, DEFAULT_BACKOFF, type BackoffPolicy } from '../retry.js';
import type { Clock } from '../clock.js';
import { HelixAuthError, HelixRateLimitError, HelixResponseError, HelixUnavailableError } from './errors.js';
import type { Logger } from './logger.js';
import { parseRateLimitHeaders } from './rate-limit-headers.js';
import type { RateBudget } from './rate-budget.js';
import { RateLimiter, type Permit, type RateLimiterStats } from './rate-limiter.js';
import type { HelixRequestStats } from './request-stats.js';
import type { UserTokenProvider } from './user-token-provider.js';

export type HelixAuth = { kind: 'app' } | { kind: 'user'; userId: string };
export type HelixParams = Record<string, string | number | boolean | readonly string[] | undefined>;

export interface RetryOptions extends BackoffPolicy {
  /** Retries after the first attempt on 5xx and network errors (GETs only). */
  retries: number;
  /** Waits for a bucket reset after a 429 before giving up. */
  rateLimitRetries: number;
  /** Per-request timeout (real time: it guards a socket, not simulated work). */
  timeoutMs: number;
  /**
   * The timeout of a retry after a timeout (default: timeoutMs). A Helix that was too slow once
   * gets more patience on the retry; tests that inject a hang keep the first attempt's timeout
   * short without making the ordinary retried request depend on the machine's speed.
   */
  retryTimeoutMs?: number;
}

export const DEFAULT_RETRY: RetryOptions = { ...DEFAULT_BACKOFF, retries: 4, rateLimitRetries: 5, timeoutMs: 10_000 };

export interface HelixTransportOptions {
  helixBaseUrl: string;
  clientId: string;
  clock: Clock;
  concurrency: number;
  retry: RetryOptions;
  logger: Logger;
  stats: HelixRequestStats;
  appTokens: AppTokenProvider;
  userTokens: UserTokenProvider | undefined;
  /** Where each bucket's budget lives; default: in this process. */
  rateBudgets?: (bucket: string) => RateBudget;
}

interface HelixRequestConfig extends InternalAxiosRequestConfig {
  helixEndpoint?: string;
  helixLimiter?: RateLimiter;
  helixPermit?: Permit;
  /** Gives the token to send; asked after the permit, on every attempt. */
  helixToken?: () => Promise<string>;
  /** The token this attempt sent, to renew exactly that one on a 401. */
  helixSentToken?: string;
  helixAuth?: HelixAuth;
}

export function toSearchParams(params: HelixParams): URLSearchParams {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    // Helix wants lists as repeated parameters (id=1&id=2), never comma-joined.
    const values = Array.isArray(value) ? value : [String(value)];
    values.forEach((v: string) => search.append(name, v));
  }
  return search;
}

export class HelixTransport {
  private readonly http: AxiosInstance;
  private readonly limiters = new Map<string, RateLimiter>();

  constructor(private readonly options: HelixTransportOptions) {
    this.http = axios.create({
      baseURL: options.helixBaseUrl.replace(/\/$/, ''),
      timeout: options.retry.timeoutMs,
      responseType: 'text',
      transformResponse: [(data: unknown) => data], // parse ourselves, to report malformed bodies
    });
    this.http.interceptors.request.use(async (config: HelixRequestConfig) => {
      (config.signal as AbortSignal | undefined)?.throwIfAborted();
      config.helixPermit = await config.helixLimiter?.acquire();
      try {
        // A sibling failed while this one waited for its permit: nothing is sent.
        (config.signal as AbortSignal | undefined)?.throwIfAborted();
        if (config.helixToken) {
          config.helixSentToken = await config.helixToken();
          config.headers.Authorization = `Bearer ${config.helixSentToken}`;
        }
      } catch (error) {
        config.helixPermit?.release();
        config.helixPermit = undefined;
        throw error;
      }
      options.stats.requestSent(config.helixEndpoint ?? '?');
      return config;
    });
    // Registered before axios-retry's, so the permit is returned before a retry asks for another.
    this.http.interceptors.response.use(
      (response: AxiosResponse) => {
        this.settle(response.config as HelixRequestConfig, response);
        return response;
      },
      (error: AxiosError) => {
        const config = error.config as HelixRequestConfig | undefined;
        // Drop a refused app token before the permit goes to the next queued request, so that
        // one asks for the renewed token instead of sending the refused one again.
        if (error.response?.status === 401 && config?.helixAuth?.kind === 'app' && config.helixSentToken)
          options.appTokens.invalidate(config.helixSentToken);
        this.settle(config, error.response);
        return Promise.reject(error);
      },
    );
    axiosRetry(this.http, {
      retries: options.retry.retries,
      shouldResetTimeout: true,
      retryCondition: (error) => isTransient(error),
      retryDelay: () => 0, // the real wait happens in onRetry, on the injected clock
      onRetry: async (retryCount, error, config) => {
        const endpoint = (config as HelixRequestConfig).helixEndpoint ?? '?';
        if (isTimeout(error) && options.retry.retryTimeoutMs !== undefined)
          config.timeout = options.retry.retryTimeoutMs;
        options.stats.retried(endpoint);
        options.logger.warn({ endpoint, retryCount, failure: failureOf(error) }, 'retrying Helix request');
        await options.clock.sleep(backoffDelayMs(retryCount, options.retry));
      },
    });
  }

  limiterStats(): Record<string, RateLimiterStats> {
    return Object.fromEntries([...this.limiters].map(([bucket, limiter]) => [bucket, { ...limiter.stats }]));
  }

  /**
   * GETs `endpoint` and returns the parsed JSON body. Once `signal` aborts (a sibling request of
   * the same call failed for good) nothing more is sent or retried, and the abort reason is thrown.
   */
  async get(endpoint: string, params: HelixParams, auth: HelixAuth, signal?: AbortSignal): Promise<unknown> {
    const limiter = this.limiterFor(auth);
    let renewedToken = false;
    for (let rateLimitedTimes = 0; ;) {
      signal?.throwIfAborted();
      let response: AxiosResponse<string>;
      try {
        const config = {
          params: toSearchParams(params),
          headers: { 'Client-Id': this.options.clientId },
          signal,
          helixEndpoint: endpoint,
          helixLimiter: limiter,
          helixAuth: auth,
          helixToken: () => this.accessToken(auth, endpoint),
        };
        response = await this.http.get<string>(endpoint, config);
      } catch (error) {
        signal?.throwIfAborted();
        const status = axios.isAxiosError(error) ? error.response?.status : undefined;
        if (status === 401 && !renewedToken) {
          renewedToken = true;
          const sent = (error as AxiosError).config as HelixRequestConfig | undefined;
          await this.renewToken(auth, sent?.helixSentToken ?? '', endpoint);
          continue;
        }
        if (status === 429 && rateLimitedTimes < this.options.retry.rateLimitRetries) {
          rateLimitedTimes += 1;
          this.options.stats.rateLimited(endpoint);
          continue; // the limiter now holds every request until the bucket's reset
        }
        this.options.stats.failed(endpoint);
        throw this.failure(endpoint, error, rateLimitedTimes);
      }
      return parseBody(endpoint, response);
    }
  }

  private limiterFor(auth: HelixAuth): RateLimiter {
    const bucket = auth.kind === 'app' ? 'app' : `user:${auth.userId}`;
    let limiter = this.limiters.get(bucket);
    if (!limiter) {
      limiter = new RateLimiter({
        clock: this.options.clock,
        concurrency: this.options.concurrency,
        budget: this.options.rateBudgets?.(bucket),
      });
      this.limiters.set(bucket, limiter);
    }
    return limiter;
  }

  private settle(config: HelixRequestConfig | undefined, response: AxiosResponse | undefined): void {
    const snapshot = response ? parseRateLimitHeaders(response.headers) : undefined;
    if (response?.status === 429) config?.helixLimiter?.rateLimited(snapshot?.resetAt);
    config?.helixPermit?.release(snapshot);
    if (config) config.helixPermit = undefined;
  }

  private accessToken(auth: HelixAuth, endpoint: string): Promise<string> {
    if (auth.kind === 'app') return this.options.appTokens.accessToken();
    return this.requireUserTokens(endpoint).accessToken(auth.userId, endpoint);
  }

  private async renewToken(auth: HelixAuth, rejected: string, endpoint: string): Promise<void> {
    if (auth.kind === 'app') this.options.appTokens.invalidate(rejected);
    else await this.requireUserTokens(endpoint).handleUnauthorized(auth.userId, rejected, endpoint);
  }

  private requireUserTokens(endpoint: string): UserTokenProvider {
    if (!this.options.userTokens)
      throw new HelixAuthError(endpoint, 0, 'a user token is needed but the client has no user token store');
    return this.options.userTokens;
  }

  private failure(endpoint: string, error: unknown, rateLimitedTimes: number): Error {
    if (!axios.isAxiosError(error)) return error instanceof Error ? error : new Error(String(error));
    const attempts =
      1 + ((error.config as { 'axios-retry'?: { retryCount?: number } } | undefined)?.['axios-retry']?.retryCount ?? 0);
    const response = error.response;
    if (!response || response.status >= 500) return new HelixUnavailableError(endpoint, failureOf(error), attempts);
    const message = messageOf(response.data);
    if (response.status === 429)
      return new HelixRateLimitError(endpoint, parseRateLimitHeaders(response.headers)?.resetAt, rateLimitedTimes + 1);
    if (response.status === 401) return new HelixAuthError(endpoint, 401, message);
    return new HelixResponseError(endpoint, response.status, 'rejected', message);
  }
}

/** 5xx and network failures of GETs; cancellations and 4xx are not worth repeating. */
function isTransient(error: AxiosError): boolean {
  if ((error.config?.method ?? 'get').toLowerCase() !== 'get' || axios.isCancel(error)) return false;
  return error.response === undefined || error.response.status >= 500;
}

/** axios reports its own timeout as ECONNABORTED (ETIMEDOUT with transitional.clarifyTimeoutError). */
function isTimeout(error: AxiosError): boolean {
  return error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT';
}

function failureOf(error: AxiosError): number | string {
  return error.response?.status ?? error.code ?? 'network error';
}

function messageOf(data: unknown): string {
  try {
    const parsed: unknown = typeof data === 'string' ? JSON.parse(data) : data;
    if (typeof parsed === 'object' && parsed !== null && 'message' in parsed) return String(parsed.message);
  } catch {
    // not JSON: fall through
  }
  return typeof data === 'string' ? data.slice(0, 200) : 'no message';
}

function parseBody(endpoint: string, response: AxiosResponse<string>): unknown {
  try {
    return JSON.parse(response.data);
  } catch {
    throw new HelixResponseError(
      endpoint,
      response.status,
      'malformed-body',
      `not JSON: ${response.data.slice(0, 80)}`,
    );
  }
}
