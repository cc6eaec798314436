import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * subscriber_access (projections/src/subscriber-access.projection.ts): per channel whether its
 * subscriber count can be read and, when not, why (not_connected | missing_scope | token_revoked),
 * so the API can say why subscribers are unavailable instead of answering bare nulls.
 */
export class SubscriberAccess1764000000020 implements MigrationInterface {
  name = 'SubscriberAccess1764000000020';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE projection_templates.subscriber_access (
        channel_id text PRIMARY KEY,
        available boolean NOT NULL,
        reason text NULL,
        since timestamptz NOT NULL,
        fetched_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE projection_templates.subscriber_access`);
  }
}
