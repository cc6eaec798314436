/**
 * Simulated id.twitch.tv/oauth2: token (client credentials, authorization code, refresh),
 * validate, authorize (approves at once, as the chosen simulated user) and revoke.
 */
import type { IssuedToken, SimTokenRegistry } from './sim-tokens.js';

export interface OAuthRequest {
  method: string;
  route: string;
  /** Query and form body together: Twitch accepts the token endpoint's fields in either. */
  fields: URLSearchParams;
  authorization: string | undefined;
  nowMs: number;
}

export interface OAuthReply {
  status: number;
  body?: unknown;
  location?: string;
}

export interface OAuthSettings {
  clientId: string;
  clientSecret: string;
  tokens: SimTokenRegistry;
  /** Whose account /oauth2/authorize approves (there is no login page to ask). */
  authorizingUserId: () => string | undefined;
  loginOf: (userId: string) => string | undefined;
}

const fail = (status: number, message: string): OAuthReply => ({ status, body: { status, message } });

function tokenBody(token: IssuedToken, nowMs: number): Record<string, unknown> {
  const expiresIn = Math.max(0, Math.floor((token.expiresAtMs - nowMs) / 1000));
  if (token.kind === 'app') return { access_token: token.accessToken, expires_in: expiresIn, token_type: 'bearer' };
  return {
    access_token: token.accessToken,
    expires_in: expiresIn,
    refresh_token: token.refreshToken,
    scope: token.scopes,
    token_type: 'bearer',
  };
}

function issueToken(request: OAuthRequest, settings: OAuthSettings): OAuthReply {
  const { fields, nowMs } = request;
  if (fields.get('client_id') !== settings.clientId) return fail(400, 'invalid client');
  if (fields.get('client_secret') !== settings.clientSecret) return fail(403, 'invalid client secret');
  switch (fields.get('grant_type')) {
    case 'client_credentials':
      return { status: 200, body: tokenBody(settings.tokens.issueAppToken(settings.clientId, nowMs), nowMs) };
    case 'authorization_code': {
      const token = settings.tokens.redeemCode(
        fields.get('code') ?? '',
        settings.clientId,
        fields.get('redirect_uri') ?? '',
        nowMs,
      );
      return token ? { status: 200, body: tokenBody(token, nowMs) } : fail(400, 'Invalid authorization code');
    }
    case 'refresh_token': {
      const token = settings.tokens.refresh(fields.get('refresh_token') ?? '', settings.clientId, nowMs);
      return token ? { status: 200, body: tokenBody(token, nowMs) } : fail(400, 'Invalid refresh token');
    }
    default:
      return fail(400, 'unsupported grant type');
  }
}

function validate(request: OAuthRequest, settings: OAuthSettings): OAuthReply {
  const accessToken = request.authorization?.replace(/^(OAuth|Bearer)\s+/i, '') ?? '';
  const found = settings.tokens.lookup(accessToken, request.nowMs);
  if (!found.ok) return fail(401, 'invalid access token');
  const { token } = found;
  const expiresIn = Math.floor((token.expiresAtMs - request.nowMs) / 1000);
  if (token.kind === 'app')
    return { status: 200, body: { client_id: token.clientId, scopes: [], expires_in: expiresIn } };
  const login = settings.loginOf(token.userId ?? '') ?? `user_${token.userId}`;
  return {
    status: 200,
    body: { client_id: token.clientId, login, scopes: token.scopes, user_id: token.userId, expires_in: expiresIn },
  };
}

function authorize(request: OAuthRequest, settings: OAuthSettings): OAuthReply {
  const { fields } = request;
  const redirectUri = fields.get('redirect_uri');
  if (fields.get('client_id') !== settings.clientId) return fail(400, 'invalid client');
  if (fields.get('response_type') !== 'code' || !redirectUri)
    return fail(400, 'response_type=code and redirect_uri are required');
  const target = new URL(redirectUri);
  const state = fields.get('state');
  const userId = settings.authorizingUserId();
  if (userId === undefined) {
    target.searchParams.set('error', 'access_denied');
    target.searchParams.set('error_description', 'The user denied you access');
  } else {
    const scopes = (fields.get('scope') ?? '').split(/[ +]/).filter((s) => s !== '');
    target.searchParams.set(
      'code',
      settings.tokens.issueCode({ clientId: settings.clientId, userId, scopes, redirectUri }, request.nowMs),
    );
    target.searchParams.set('scope', scopes.join(' '));
  }
  if (state !== null) target.searchParams.set('state', state);
  return { status: 302, location: target.toString() };
}

function revoke(request: OAuthRequest, settings: OAuthSettings): OAuthReply {
  if (request.fields.get('client_id') !== settings.clientId) return fail(404, 'client does not exist');
  return settings.tokens.revokeAccessToken(request.fields.get('token') ?? '')
    ? { status: 200 }
    : fail(400, 'Invalid token');
}

export function handleOAuth(request: OAuthRequest, settings: OAuthSettings): OAuthReply {
  const key = `${request.method} ${request.route}`;
  if (key === 'POST /token') return issueToken(request, settings);
  if (key === 'GET /validate') return validate(request, settings);
  if (key === 'GET /authorize') return authorize(request, settings);
  if (key === 'POST /revoke') return revoke(request, settings);
  return fail(404, 'not found');
}
