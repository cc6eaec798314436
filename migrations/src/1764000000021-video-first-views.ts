import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * video_analytics v2: the count at first sight (to estimate the start count of a video created
 * just before a views-gained window and first seen inside it) and views gained over 90 days
 * (clip long tail); the view history is kept 90 days deep.
 */
export class VideoFirstViews1764000000021 implements MigrationInterface {
  name = 'VideoFirstViews1764000000021';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE projection_templates.video_analytics
        ADD COLUMN first_views bigint NULL,
        ADD COLUMN views_gained_90d bigint NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE projection_templates.video_analytics DROP COLUMN first_views, DROP COLUMN views_gained_90d`);
  }
}
