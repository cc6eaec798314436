import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Event payloads are kept exactly as written: `json` keeps the JSON text as given (key order,
 * `\u0000`, lone surrogate escapes such as `\ud800`), where `jsonb` reordered keys and refused the
 * last two (22P05, 22P02), so a Twitch string holding them made the append fail. Existing rows keep
 * the text jsonb gives back; their original key order is already gone. Read tables may still use jsonb.
 */
export class EventPayloadsAsJson1764000000030 implements MigrationInterface {
  name = 'EventPayloadsAsJson1764000000030';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE events
        ALTER COLUMN data TYPE json USING data::text::json,
        ALTER COLUMN metadata TYPE json USING metadata::text::json`);
  }

  async down(q: QueryRunner): Promise<void> {
    // jsonb cannot hold \u0000 or lone surrogates: such events make this fail rather than change.
    await q.query(`
      ALTER TABLE events
        ALTER COLUMN data TYPE jsonb USING data::jsonb,
        ALTER COLUMN metadata TYPE jsonb USING metadata::jsonb`);
  }
}
