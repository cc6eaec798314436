/**
 * Physical tables per projection build, and the views readers use.
 * A build's tables are `read_model."<table>_b<buildId>"`, copied from `projection_templates.<table>`
 * (columns, defaults, keys, indexes). The view `public.<table>` points at the active build, and is
 * replaced inside one transaction, so a reader sees either the old build or the new one, never neither.
 */
import type { Projection, TableSpec } from '@creatorsync/projections';
import type pg from 'pg';

export const physicalTable = (table: string, buildId: number) => `read_model."${table}_b${buildId}"`;

export async function createBuildTables(client: pg.ClientBase, projection: Projection, buildId: number): Promise<void> {
  for (const table of projection.tables) {
    await assertTemplateMatches(client, table);
    await client.query(
      `CREATE TABLE ${physicalTable(table.name, buildId)} (LIKE projection_templates."${table.name}" INCLUDING ALL)`,
    );
  }
}

export async function pointViewsAt(client: pg.ClientBase, projection: Projection, buildId: number): Promise<void> {
  for (const table of projection.tables) {
    // DROP + CREATE rather than CREATE OR REPLACE: a new version may change the columns.
    await client.query(`DROP VIEW IF EXISTS public."${table.name}"`);
    await client.query(`CREATE VIEW public."${table.name}" AS SELECT * FROM ${physicalTable(table.name, buildId)}`);
  }
}

export async function dropBuildTables(
  client: pg.ClientBase,
  tables: readonly string[],
  buildId: number,
): Promise<void> {
  for (const table of tables) await client.query(`DROP TABLE IF EXISTS ${physicalTable(table, buildId)}`);
}

/** The projection's declared columns must be the template's: a mismatch is a missing or stale migration. */
async function assertTemplateMatches(client: pg.ClientBase, table: TableSpec): Promise<void> {
  const { rows } = await client.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = 'projection_templates' AND table_name = $1`,
    [table.name],
  );
  const actual = rows.map((r) => r.column_name).sort();
  const declared = Object.keys(table.columns).sort();
  if (actual.length === 0)
    throw new Error(`No template table projection_templates.${table.name}: add a migration that creates it`);
  if (JSON.stringify(actual) !== JSON.stringify(declared)) {
    throw new Error(
      `Template projection_templates.${table.name} has columns [${actual.join(',')}] but the projection declares [${declared.join(',')}]`,
    );
  }
}
