import { VerifiedTokenCache } from './verified-token-cache.js';

describe('VerifiedTokenCache', () => {
  it('returns a verified session until its expiry, then forgets it', () => {
    const cache = new VerifiedTokenCache<string>();
    cache.set('token-a', 'alice', 10_000, 0);
    expect(cache.get('token-a', 9_999)).toBe('alice');
    expect(cache.get('token-a', 10_000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('matches the whole token only', () => {
    const cache = new VerifiedTokenCache<string>();
    cache.set('token-a', 'alice', 10_000, 0);
    expect(cache.get('token-a ', 1)).toBeUndefined();
    expect(cache.get('token-', 1)).toBeUndefined();
  });

  it('does not keep a token that has already expired', () => {
    const cache = new VerifiedTokenCache<string>();
    cache.set('old', 'bob', 5_000, 5_000);
    expect(cache.size).toBe(0);
  });

  it('stays within its bound, dropping the oldest entries first', () => {
    const cache = new VerifiedTokenCache<number>(3);
    for (let i = 0; i < 5; i++) cache.set(`t${i}`, i, 1_000_000, 0);
    expect(cache.size).toBe(3);
    expect(cache.get('t0', 1)).toBeUndefined();
    expect(cache.get('t4', 1)).toBe(4);
  });
});
