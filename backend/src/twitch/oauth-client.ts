/**
 * Twitch's OAuth server (id.twitch.tv/oauth2, or the simulator's): authorize URLs, the token
 * grants, validation and revocation. Tokens and the client secret are never logged.
 */
import { randomBytes } from 'node:crypto';
import axios, { type AxiosInstance } from 'axios';
import { DEFAULT_BACKOFF, RetriesExhaustedError, withRetries } from '../retry.js';
import type { Clock } from '../clock.js';
import { OAuthError } from './errors.js';

export interface OAuthClientOptions {
  authBaseUrl: string;
  clientId: string;
  clientSecret: string;
  clock: Clock;
  timeoutMs?: number;
  /** Attempts for the safe-to-repeat calls (client credentials, validate) on 5xx or network errors. */
  attempts?: number;
}

export interface AppToken {
  accessToken: string;
  expiresAt: Date;
}

export interface UserTokens {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
  scopes: string[];
}

export interface TokenValidation {
  clientId: string;
  login?: string;
  userId?: string;
  scopes: string[];
  expiresInSeconds: number;
}

export interface AuthorizeRequest {
  redirectUri: string;
  scopes: string[];
  /** Defaults to a fresh random value; the caller must keep it and compare it on the callback. */
  state?: string;
  forceVerify?: boolean;
}

interface TokenResponse {
  access_token?: unknown;
  refresh_token?: unknown;
  expires_in?: unknown;
  scope?: unknown;
}

export class TwitchOAuthClient {
  private readonly http: AxiosInstance;

  constructor(private readonly options: OAuthClientOptions) {
    this.http = axios.create({
      baseURL: options.authBaseUrl.replace(/\/$/, ''),
      timeout: options.timeoutMs ?? 10_000,
      validateStatus: () => true,
    });
  }

  authorizeUrl(request: AuthorizeRequest): { url: string; state: string } {
    const state = request.state ?? randomBytes(16).toString('hex');
    const url = new URL(`${this.options.authBaseUrl.replace(/\/$/, '')}/authorize`);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', this.options.clientId);
    url.searchParams.set('redirect_uri', request.redirectUri);
    url.searchParams.set('scope', request.scopes.join(' '));
    url.searchParams.set('state', state);
    if (request.forceVerify) url.searchParams.set('force_verify', 'true');
    return { url: url.toString(), state };
  }

  async requestAppToken(): Promise<AppToken> {
    const body = await this.retrying('oauth2/token', () => this.postToken({ grant_type: 'client_credentials' }));
    return { accessToken: this.field(body.access_token, 'access_token'), expiresAt: this.expiry(body.expires_in) };
  }

  async exchangeCode(code: string, redirectUri: string): Promise<UserTokens> {
    return this.userTokens(await this.postToken({ grant_type: 'authorization_code', code, redirect_uri: redirectUri }));
  }

  /** Twitch may hand back a new refresh token: callers must store the one returned. */
  async refresh(refreshToken: string): Promise<UserTokens> {
    return this.userTokens(await this.postToken({ grant_type: 'refresh_token', refresh_token: refreshToken }));
  }

  /** Null means Twitch says the token is no longer valid (expired or revoked). */
  async validate(accessToken: string): Promise<TokenValidation | null> {
    return this.retrying('oauth2/validate', async () => {
      const response = await this.http.get('/validate', { headers: { Authorization: `OAuth ${accessToken}` } });
      if (response.status === 401) return null;
      if (response.status !== 200) throw new OAuthError('oauth2/validate', response.status, messageOf(response.data));
      const data = response.data as Record<string, unknown>;
      return {
        clientId: this.field(data.client_id, 'client_id'),
        login: typeof data.login === 'string' ? data.login : undefined,
        userId: typeof data.user_id === 'string' ? data.user_id : undefined,
        scopes: Array.isArray(data.scopes) ? data.scopes.filter((s): s is string => typeof s === 'string') : [],
        expiresInSeconds: Number(data.expires_in ?? 0),
      };
    });
  }

  async revoke(accessToken: string): Promise<void> {
    const response = await this.http.post(
      '/revoke',
      new URLSearchParams({ client_id: this.options.clientId, token: accessToken }),
    );
    if (response.status !== 200) throw new OAuthError('oauth2/revoke', response.status, messageOf(response.data));
  }

  private async postToken(fields: Record<string, string>): Promise<TokenResponse> {
    const form = new URLSearchParams({
      client_id: this.options.clientId,
      client_secret: this.options.clientSecret,
      ...fields,
    });
    let response;
    try {
      response = await this.http.post('/token', form);
    } catch (error) {
      throw new OAuthError('oauth2/token', undefined, (error as Error).message);
    }
    if (response.status !== 200 || typeof response.data !== 'object' || response.data === null) {
      throw new OAuthError('oauth2/token', response.status, messageOf(response.data));
    }
    return response.data as TokenResponse;
  }

  private userTokens(body: TokenResponse): UserTokens {
    const scopes = Array.isArray(body.scope) ? body.scope.filter((s): s is string => typeof s === 'string') : [];
    return {
      accessToken: this.field(body.access_token, 'access_token'),
      refreshToken: this.field(body.refresh_token, 'refresh_token'),
      expiresAt: this.expiry(body.expires_in),
      scopes,
    };
  }

  private field(value: unknown, name: string): string {
    if (typeof value !== 'string' || value === '') throw new OAuthError('oauth2/token', 200, `response has no ${name}`);
    return value;
  }

  private expiry(expiresIn: unknown): Date {
    const seconds = Number(expiresIn);
    // Without a lifetime, assume the documented minimum for user tokens; validation catches the rest.
    return new Date(
      this.options.clock.now().getTime() + (Number.isFinite(seconds) && seconds > 0 ? seconds : 3_600) * 1000,
    );
  }

  private async retrying<T>(operation: string, call: () => Promise<T>): Promise<T> {
    const asOAuthError = (error: unknown) =>
      error instanceof OAuthError
        ? error
        : new OAuthError(operation, undefined, error instanceof Error ? error.message : String(error));
    try {
      const { result } = await withRetries(call, {
        attempts: this.options.attempts ?? 3,
        backoff: DEFAULT_BACKOFF,
        clock: this.options.clock,
        // Network failures and 5xx are worth another try; a 4xx answer will not change.
        retryable: (error) => {
          const status = error instanceof OAuthError ? error.status : undefined;
          return status === undefined || status >= 500;
        },
      });
      return result;
    } catch (error) {
      throw asOAuthError(error instanceof RetriesExhaustedError ? error.lastError : error);
    }
  }
}

function messageOf(data: unknown): string {
  if (typeof data === 'object' && data !== null && 'message' in data) return String(data.message);
  return typeof data === 'string' ? data.slice(0, 200) : 'unexpected response';
}
