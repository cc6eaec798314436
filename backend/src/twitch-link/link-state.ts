/**
 * The OAuth `state` of a Twitch link: which CreatorSync user asked, a nonce, and when it expires,
 * signed with HMAC-SHA256. The callback is reached without a session (Twitch redirects the
 * browser), so the signature is what proves the user; the nonce makes it single-use (the caller
 * records it, see used-link-states.ts) and the expiry bounds how long a leaked URL is worth anything.
 */
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

export const LINK_STATE_LIFETIME_MS = 10 * 60_000;
const VERSION = 's1';

export interface LinkState {
  userId: string;
  nonce: string;
  expiresAtMs: number;
}

export type LinkStateCheck = { ok: true; state: LinkState } | { ok: false; reason: 'invalid_state' | 'expired_state' };

/** A key of its own for state signatures, derived from the token key so there is one secret to keep. */
export function linkStateKey(tokenEncryptionKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', tokenEncryptionKey, Buffer.alloc(0), 'creatorsync twitch link state v1', 32));
}

export function issueLinkState(
  key: Buffer,
  userId: string,
  nowMs: number,
  nonce = randomBytes(16).toString('base64url'),
): string {
  return signLinkState(key, { userId, nonce, expiresAtMs: nowMs + LINK_STATE_LIFETIME_MS });
}

export function signLinkState(key: Buffer, state: LinkState): string {
  const payload = Buffer.from(
    JSON.stringify({ u: state.userId, n: state.nonce, e: state.expiresAtMs }),
    'utf8',
  ).toString('base64url');
  return `${VERSION}.${payload}.${mac(key, payload)}`;
}

export function verifyLinkState(key: Buffer, text: unknown, nowMs: number): LinkStateCheck {
  const invalid = { ok: false, reason: 'invalid_state' } as const;
  if (typeof text !== 'string' || text.length > 1024) return invalid;
  const [version, payload, signature, ...rest] = text.split('.');
  if (version !== VERSION || !payload || !signature || rest.length > 0) return invalid;
  const expected = Buffer.from(mac(key, payload), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return invalid;
  let parsed: { u?: unknown; n?: unknown; e?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof parsed;
  } catch {
    return invalid;
  }
  const { u, n, e } = parsed;
  if (typeof u !== 'string' || u === '' || typeof n !== 'string' || n === '' || typeof e !== 'number') return invalid;
  if (e <= nowMs) return { ok: false, reason: 'expired_state' };
  return { ok: true, state: { userId: u, nonce: n, expiresAtMs: e } };
}

function mac(key: Buffer, payload: string): string {
  return createHmac('sha256', key).update(`${VERSION}.${payload}`).digest('base64url');
}
