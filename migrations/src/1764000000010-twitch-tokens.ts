import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Twitch user tokens, encrypted at rest (AES-256-GCM; backend/src/twitch-link): one row per Twitch
 * account (the broadcaster id is the token owner's Twitch user id). Only the ciphertext, its nonce
 * and tag and the name of the key that made it are stored; expiry and scopes are not secret and
 * stay readable. `needs_reauth` marks a grant Twitch no longer honours, so the user is asked to
 * reconnect. `twitch_link_states_used` remembers OAuth `state` nonces already redeemed until they
 * expire, so a callback URL works once.
 */
export class TwitchTokens1764000000010 implements MigrationInterface {
  name = 'TwitchTokens1764000000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE twitch_tokens (
        broadcaster_id text PRIMARY KEY,
        key_id text NOT NULL,
        nonce bytea NOT NULL,
        ciphertext bytea NOT NULL,
        auth_tag bytea NOT NULL,
        scopes text[] NOT NULL,
        expires_at timestamptz NOT NULL,
        needs_reauth boolean NOT NULL DEFAULT false,
        reauth_reason text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE twitch_link_states_used (
        nonce text PRIMARY KEY,
        user_id text NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX twitch_link_states_used_expiry ON twitch_link_states_used (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE twitch_link_states_used`);
    await q.query(`DROP TABLE twitch_tokens`);
  }
}
