/**
 * The UserTokenStore behind the Helix client: Twitch user tokens in `twitch_tokens`, keyed by the
 * Twitch user id (= the broadcaster id), the token pair sealed with AES-256-GCM (token-cipher.ts).
 *
 * A new row is written only inside `linking()` — the OAuth callback or the demo's connection.
 * Outside it, `save` (the client storing a refreshed pair) only updates a row that still exists,
 * so a refresh racing a disconnect cannot bring deleted tokens back.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';
import type { UserTokens } from '../twitch/oauth-client.js';
import type { UserTokenStore } from '../twitch/user-token-store.js';
import { openSecret, sealSecret, tokenKeyId, TokenDecryptionError, TokenKeyMismatchError } from './token-cipher.js';

export type TokenAuthorisation = 'ok' | 'needs_reauth' | 'missing' | 'unreadable';

export interface StoredTokenStatus {
  authorisation: TokenAuthorisation;
  reason: string | null;
  expiresAt: string | null;
  scopes: string[];
}

interface TokenRow {
  broadcaster_id: string;
  key_id: string;
  nonce: Buffer;
  ciphertext: Buffer;
  auth_tag: Buffer;
  scopes: string[];
  expires_at: Date;
  needs_reauth: boolean;
  reauth_reason: string | null;
}

const boundTo = (broadcasterId: string) => `twitch_tokens:${broadcasterId}`;
const describe = (broadcasterId: string) => `The stored Twitch tokens of broadcaster ${broadcasterId}`;

export class EncryptedUserTokenStore implements UserTokenStore {
  readonly keyId: string;
  private readonly linkingContext = new AsyncLocalStorage<true>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly key: Buffer,
  ) {
    this.keyId = tokenKeyId(key);
  }

  /** Runs `work` (a code exchange that ends in `save`) allowed to store tokens for a new account. */
  linking<T>(work: () => Promise<T>): Promise<T> {
    return this.linkingContext.run(true, work);
  }

  /** Throws TokenKeyMismatchError / TokenDecryptionError when the row cannot be read with this key. */
  async load(broadcasterId: string): Promise<UserTokens | undefined> {
    const row = await this.row(broadcasterId);
    if (!row || row.needs_reauth) return undefined;
    return this.open(row);
  }

  async save(broadcasterId: string, tokens: UserTokens): Promise<void> {
    const sealed = sealSecret(
      this.key,
      JSON.stringify({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken }),
      boundTo(broadcasterId),
    );
    const values = [
      broadcasterId,
      sealed.keyId,
      sealed.nonce,
      sealed.ciphertext,
      sealed.authTag,
      tokens.scopes,
      tokens.expiresAt,
    ];
    if (this.linkingContext.getStore()) {
      await this.pool.query(
        `INSERT INTO twitch_tokens (broadcaster_id, key_id, nonce, ciphertext, auth_tag, scopes, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (broadcaster_id) DO UPDATE SET key_id = excluded.key_id, nonce = excluded.nonce, ciphertext = excluded.ciphertext,
           auth_tag = excluded.auth_tag, scopes = excluded.scopes, expires_at = excluded.expires_at,
           needs_reauth = false, reauth_reason = NULL, updated_at = now()`,
        values,
      );
    } else {
      await this.pool.query(
        `UPDATE twitch_tokens SET key_id = $2, nonce = $3, ciphertext = $4, auth_tag = $5, scopes = $6, expires_at = $7,
           needs_reauth = false, reauth_reason = NULL, updated_at = now()
         WHERE broadcaster_id = $1`,
        values,
      );
    }
  }

  async markNeedsReauth(broadcasterId: string, reason: string): Promise<void> {
    await this.pool.query(
      `UPDATE twitch_tokens SET needs_reauth = true, reauth_reason = $2, updated_at = now() WHERE broadcaster_id = $1`,
      [broadcasterId, reason.slice(0, 500)],
    );
  }

  /**
   * Deletes the account's tokens; returns the access token they held (to revoke it at Twitch), or
   * undefined when there was none or it cannot be decrypted any more.
   */
  async remove(broadcasterId: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<TokenRow>(
      `DELETE FROM twitch_tokens WHERE broadcaster_id = $1 RETURNING *`,
      [broadcasterId],
    );
    const row = rows[0];
    if (!row) return undefined;
    try {
      return this.open(row).accessToken;
    } catch {
      return undefined;
    }
  }

  /** What the user should see about each account's authorisation, without decrypting more than needed. */
  async status(broadcasterIds: readonly string[]): Promise<Map<string, StoredTokenStatus>> {
    const { rows } = await this.pool.query<TokenRow>(
      `SELECT * FROM twitch_tokens WHERE broadcaster_id = ANY($1::text[])`,
      [broadcasterIds],
    );
    const byId = new Map(rows.map((row) => [row.broadcaster_id, row]));
    const result = new Map<string, StoredTokenStatus>();
    for (const id of broadcasterIds) {
      const row = byId.get(id);
      if (!row) {
        result.set(id, {
          authorisation: 'missing',
          reason: 'no stored Twitch authorisation: connect the account again',
          expiresAt: null,
          scopes: [],
        });
        continue;
      }
      const base = { expiresAt: row.expires_at.toISOString(), scopes: row.scopes };
      if (row.needs_reauth) {
        result.set(id, { ...base, authorisation: 'needs_reauth', reason: row.reauth_reason });
        continue;
      }
      try {
        this.open(row);
        result.set(id, { ...base, authorisation: 'ok', reason: null });
      } catch (error) {
        if (!(error instanceof TokenKeyMismatchError || error instanceof TokenDecryptionError)) throw error;
        result.set(id, { ...base, authorisation: 'unreadable', reason: error.message });
      }
    }
    return result;
  }

  /** How many stored rows another key wrote (a start-up check: a changed key strands every link). */
  async rowsWithOtherKeys(): Promise<number> {
    const { rows } = await this.pool.query<{ count: string }>(`SELECT count(*) FROM twitch_tokens WHERE key_id <> $1`, [
      this.keyId,
    ]);
    return Number(rows[0]?.count ?? 0);
  }

  private async row(broadcasterId: string): Promise<TokenRow | undefined> {
    const { rows } = await this.pool.query<TokenRow>(`SELECT * FROM twitch_tokens WHERE broadcaster_id = $1`, [
      broadcasterId,
    ]);
    return rows[0];
  }

  private open(row: TokenRow): UserTokens {
    const sealed = { keyId: row.key_id, nonce: row.nonce, ciphertext: row.ciphertext, authTag: row.auth_tag };
    const pair = JSON.parse(
      openSecret(this.key, sealed, boundTo(row.broadcaster_id), describe(row.broadcaster_id)),
    ) as { accessToken: string; refreshToken: string };
    return {
      accessToken: pair.accessToken,
      refreshToken: pair.refreshToken,
      expiresAt: row.expires_at,
      scopes: row.scopes,
    };
  }
}
