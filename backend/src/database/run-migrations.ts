/**
 * Applies the migrations in `migrations/` with TypeORM's runner, one transaction each. An advisory
 * lock makes concurrent starts (several instances, parallel tests) wait for each other.
 */
import { allMigrations } from '@creatorsync/migrations';
import { DataSource } from 'typeorm';

const MIGRATION_LOCK = 7_346_001;

export async function runMigrations(databaseUrl: string): Promise<string[]> {
  const dataSource = new DataSource({
    type: 'postgres',
    url: databaseUrl,
    migrations: allMigrations,
    migrationsTableName: 'schema_migrations',
    logging: false,
  });
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
    await dataSource.destroy();
  }
}
