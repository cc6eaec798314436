import { randomBytes } from 'node:crypto';
import { issueLinkState, LINK_STATE_LIFETIME_MS, linkStateKey, signLinkState, verifyLinkState } from './link-state.js';
import { must } from '../must.js';
import { anyOf } from '../testing/matchers.js';

describe('link state', () => {
  const key = linkStateKey(randomBytes(32));
  const now = Date.UTC(2026, 10, 25, 12, 0, 0);

  it('carries the user and a nonce, and verifies until it expires', () => {
    const state = issueLinkState(key, 'user_alice', now);
    const checked = verifyLinkState(key, state, now + LINK_STATE_LIFETIME_MS - 1);
    expect(checked).toEqual({
      ok: true,
      state: { userId: 'user_alice', nonce: anyOf(String), expiresAtMs: now + LINK_STATE_LIFETIME_MS },
    });
    expect(verifyLinkState(key, state, now + LINK_STATE_LIFETIME_MS)).toEqual({ ok: false, reason: 'expired_state' });
  });

  it('gives each state its own nonce', () => {
    const nonces = new Set(
      [1, 2, 3].map(() => {
        const checked = verifyLinkState(key, issueLinkState(key, 'u', now), now);
        return checked.ok ? checked.state.nonce : '';
      }),
    );
    expect(nonces.size).toBe(3);
  });

  it('rejects a state whose user was swapped (the signature covers the user)', () => {
    const [version, payload, signature] = issueLinkState(key, 'user_alice', now).split('.');
    const data = JSON.parse(Buffer.from(must(payload, 'payload'), 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    const swapped = Buffer.from(JSON.stringify({ ...data, u: 'user_bob' })).toString('base64url');
    expect(verifyLinkState(key, `${version}.${swapped}.${signature}`, now)).toEqual({
      ok: false,
      reason: 'invalid_state',
    });
  });

  it('rejects a state signed with another key, even a well-formed one', () => {
    const forged = signLinkState(linkStateKey(randomBytes(32)), {
      userId: 'user_alice',
      nonce: 'n',
      expiresAtMs: now + 60_000,
    });
    expect(verifyLinkState(key, forged, now)).toEqual({ ok: false, reason: 'invalid_state' });
  });

  it('rejects an expired state only after its signature checks (no expiry oracle for forgeries)', () => {
    const expiredForgery = signLinkState(linkStateKey(randomBytes(32)), {
      userId: 'u',
      nonce: 'n',
      expiresAtMs: now - 1,
    });
    expect(verifyLinkState(key, expiredForgery, now)).toEqual({ ok: false, reason: 'invalid_state' });
  });

  it.each([undefined, '', 'garbage', 's1.abc', 's1..', 's2.a.b', ['s1', 'a', 'b'], 's1.a.b.c', 'x'.repeat(2000)])(
    'rejects malformed state #%#',
    (text) => {
      expect(verifyLinkState(key, text, now)).toEqual({ ok: false, reason: 'invalid_state' });
    },
  );

  it('rejects a correctly signed payload that lacks the user', () => {
    const payload = Buffer.from(JSON.stringify({ n: 'n', e: now + 60_000 })).toString('base64url');
    const good = signLinkState(key, { userId: 'u', nonce: 'n', expiresAtMs: now + 60_000 });
    expect(verifyLinkState(key, `s1.${payload}.${good.split('.')[2]}`, now)).toEqual({
      ok: false,
      reason: 'invalid_state',
    });
  });

  it('derives a state key different from the token key', () => {
    const tokenKey = randomBytes(32);
    expect(linkStateKey(tokenKey).equals(tokenKey)).toBe(false);
    expect(linkStateKey(tokenKey).equals(linkStateKey(tokenKey))).toBe(true);
  });
});
