/**
 * Binds an OAuth state to the browser that started the flow. `connect` puts the state's nonce in
 * an HttpOnly, SameSite=Lax cookie scoped to the callback path; the callback accepts the state only
 * when the browser brings the same nonce back. Without it, whoever opened a user's authorize link
 * (sent to them, or leaked) would attach their own Twitch channel to that user. Lax (not Strict):
 * the callback is a top-level navigation coming from Twitch's site, which Lax cookies follow.
 */
import { timingSafeEqual } from 'node:crypto';
import { LINK_STATE_LIFETIME_MS } from './link-state.js';

export const LINK_COOKIE = 'creatorsync_twitch_link';

/** The Set-Cookie value that hands the browser the nonce, for as long as the state lives. */
export function linkCookie(nonce: string, redirectUri: string): string {
  return cookie(nonce, redirectUri, Math.floor(LINK_STATE_LIFETIME_MS / 1000));
}

/** The Set-Cookie value that removes it once the callback has used it. */
export function clearedLinkCookie(redirectUri: string): string {
  return cookie('', redirectUri, 0);
}

function cookie(value: string, redirectUri: string, maxAgeSeconds: number): string {
  const url = new URL(redirectUri);
  const secure = url.protocol === 'https:' ? '; Secure' : '';
  return `${LINK_COOKIE}=${value}; Path=${url.pathname}; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure}`;
}

/** The nonce the browser brought in its Cookie header, if any. */
export function nonceFromCookies(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === LINK_COOKIE) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}

/** Constant-time comparison of the state's nonce with the browser's. */
export function sameBrowser(stateNonce: string, browserNonce: string | undefined): boolean {
  if (browserNonce === undefined) return false;
  const a = Buffer.from(stateNonce, 'utf8');
  const b = Buffer.from(browserNonce, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
