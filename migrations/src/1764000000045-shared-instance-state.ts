import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What several server processes on one database must share, so that they behave as one:
 *  - `leases`: who runs a piece of work (a collection job, live polling, token validation), until
 *    when; a holder renews its lease while it works, and a lease that expired (its holder died or
 *    hangs) may be taken by anyone. A job's lease row lives from its request to its end, so an
 *    expired one is a job to take over.
 *  - `helix_rate_budgets`: the model of each Twitch rate-limit bucket (the app's per client id, and
 *    one per user token), in 1/60000 points, refilled by elapsed time and corrected by Twitch's
 *    Ratelimit-* headers; every instance takes its points from here.
 *  - `api_rate_limits`: the API's per-user token buckets; `request_cooldowns`: the trigger/refresh
 *    cooldowns.
 * Budgets and limits are UNLOGGED: cheap to update on every request, and losing them in a crash of
 * PostgreSQL only resets them (the Helix budget re-learns its size from the next response).
 */
export class SharedInstanceState1764000000045 implements MigrationInterface {
  name = 'SharedInstanceState1764000000045';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE leases (
        name text PRIMARY KEY,
        holder text NOT NULL,
        expires_at timestamptz NOT NULL,
        taken_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX leases_expiry ON leases (expires_at)`);
    await q.query(`
      CREATE UNLOGGED TABLE helix_rate_budgets (
        bucket text PRIMARY KEY,
        limit_points integer NOT NULL,
        units bigint NOT NULL,
        refilled_at_ms bigint NOT NULL,
        blocked_until_ms bigint NOT NULL DEFAULT 0
      )`);
    await q.query(`
      CREATE UNLOGGED TABLE api_rate_limits (
        key text PRIMARY KEY,
        tokens double precision NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE UNLOGGED TABLE request_cooldowns (
        key text PRIMARY KEY,
        next_allowed_ms bigint NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE request_cooldowns`);
    await q.query(`DROP TABLE api_rate_limits`);
    await q.query(`DROP TABLE helix_rate_budgets`);
    await q.query(`DROP TABLE leases`);
  }
}
