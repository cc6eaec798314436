/** The encrypted token store on a real, migrated Postgres database. */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import type { UserTokens } from '../twitch/oauth-client.js';
import { EncryptedUserTokenStore } from './encrypted-user-token-store.js';
import { tokenKeyId, TokenKeyMismatchError } from './token-cipher.js';
import { loadOrCreateTokenEncryptionKey, tokenKeyFile } from './token-encryption-key.js';
import { stringContaining } from '../testing/matchers.js';
import { dropIfCreated } from '../testing/clean-up.js';
import { must } from '../must.js';

const tokens = (suffix: string): UserTokens => ({
  accessToken: `access${suffix}${randomBytes(8).toString('hex')}`,
  refreshToken: `refresh${suffix}${randomBytes(8).toString('hex')}`,
  expiresAt: new Date('2026-11-25T16:00:00.000Z'),
  scopes: ['channel:read:subscriptions', 'moderator:read:followers'],
});

describe('EncryptedUserTokenStore', () => {
  let db: TestDatabase;
  let store: EncryptedUserTokenStore;
  const key = randomBytes(32);

  beforeAll(async () => {
    db = await createTestDatabase();
    store = new EncryptedUserTokenStore(db.pool, key);
  });
  afterAll(() => dropIfCreated(db));

  it('stores the pair encrypted: neither token appears in the row, and it decrypts back', async () => {
    const pair = tokens('a');
    await store.linking(() => store.save('1001', pair));
    const { rows } = await db.pool.query<Record<string, unknown>>(
      `SELECT * FROM twitch_tokens WHERE broadcaster_id = '1001'`,
    );
    expect(rows).toHaveLength(1);
    const row = must(rows[0], 'the token row');
    const everything = Object.values(row)
      .map((v) =>
        Buffer.isBuffer(v) ? `${v.toString('utf8')} ${v.toString('hex')} ${v.toString('base64')}` : String(v),
      )
      .join(' ');
    expect(everything).not.toContain(pair.accessToken);
    expect(everything).not.toContain(pair.refreshToken);
    expect(row.key_id).toBe(tokenKeyId(key));
    expect(await store.load('1001')).toEqual(pair);
  });

  it('a refreshed pair replaces a stored one, but a save outside linking never creates a row', async () => {
    const fresh = tokens('b');
    await store.save('1001', fresh);
    expect(await store.load('1001')).toEqual(fresh);
    await store.save('1002', tokens('c'));
    expect(await store.load('1002')).toBeUndefined();
    expect((await db.pool.query(`SELECT 1 FROM twitch_tokens WHERE broadcaster_id = '1002'`)).rowCount).toBe(0);
  });

  it('a revoked grant is marked for re-authorisation: not loaded, shown with its reason, cleared by a new link', async () => {
    await store.linking(() => store.save('1003', tokens('d')));
    await store.markNeedsReauth('1003', 'refresh refused');
    expect(await store.load('1003')).toBeUndefined();
    expect((await store.status(['1003'])).get('1003')).toMatchObject({
      authorisation: 'needs_reauth',
      reason: 'refresh refused',
    });
    const again = tokens('e');
    await store.linking(() => store.save('1003', again));
    expect(await store.load('1003')).toEqual(again);
    expect((await store.status(['1003', '9999'])).get('9999')).toMatchObject({ authorisation: 'missing' });
  });

  it('remove deletes the row and hands back the access token to revoke', async () => {
    const pair = tokens('f');
    await store.linking(() => store.save('1004', pair));
    expect(await store.remove('1004')).toBe(pair.accessToken);
    expect(await store.load('1004')).toBeUndefined();
    expect(await store.remove('1004')).toBeUndefined();
  });

  it('with the wrong key, loading fails with an error naming both keys, and the status says why', async () => {
    await store.linking(() => store.save('1005', tokens('g')));
    const otherKey = randomBytes(32);
    const wrong = new EncryptedUserTokenStore(db.pool, otherKey);
    await expect(wrong.load('1005')).rejects.toThrow(TokenKeyMismatchError);
    await expect(wrong.load('1005')).rejects.toThrow(
      `The stored Twitch tokens of broadcaster 1005 was encrypted with key ${tokenKeyId(key)}, but the configured TOKEN_ENCRYPTION_KEY is ${tokenKeyId(otherKey)}`,
    );
    expect((await wrong.status(['1005'])).get('1005')).toMatchObject({
      authorisation: 'unreadable',
      reason: stringContaining('TOKEN_ENCRYPTION_KEY'),
    });
    expect(await wrong.rowsWithOtherKeys()).toBeGreaterThan(0);
    expect(await store.rowsWithOtherKeys()).toBe(0);
  });

  it("rejects a ciphertext copied onto another broadcaster's row", async () => {
    await store.linking(() => store.save('1006', tokens('h')));
    await store.linking(() => store.save('1007', tokens('i')));
    await db.pool.query(
      `UPDATE twitch_tokens t SET nonce = s.nonce, ciphertext = s.ciphertext, auth_tag = s.auth_tag
         FROM twitch_tokens s WHERE t.broadcaster_id = '1007' AND s.broadcaster_id = '1006'`,
    );
    await expect(store.load('1007')).rejects.toThrow(/failed its integrity check/);
  });
});

describe('loadOrCreateTokenEncryptionKey', () => {
  it('generates a 32-byte key readable only by its owner once, and returns the same key afterwards', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'creatorsync-key-'));
    try {
      const first = await loadOrCreateTokenEncryptionKey(dataDir);
      expect(first).toHaveLength(32);
      expect((await stat(tokenKeyFile(dataDir))).mode & 0o777).toBe(0o600);
      expect(await loadOrCreateTokenEncryptionKey(dataDir)).toEqual(first);
      expect((await readFile(tokenKeyFile(dataDir), 'utf8')).trim()).toBe(first.toString('base64'));
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
