/**
 * `projections new <name>`: the five pieces of a new metric in one step — the migration of its
 * template table, the projection, its unit test, and their lines in migrations/src/index.ts and
 * projections/src/index.ts. The analyst then changes the generated metric (it keeps each channel's
 * latest follower count) into the one they want.
 *
 * Everything is checked and computed before the first file is written: a bad or taken name, or an
 * index file that no longer has the shape this expects, writes nothing.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { must } from '../must.js';

/** A name the scaffold refuses (bad form, or already taken): a usage mistake, exit code 2. */
export class ScaffoldNameError extends Error {}

export interface ScaffoldResult {
  name: string;
  /** Paths relative to the repository root. */
  migration: string;
  projection: string;
  unitTest: string;
  table: string;
  nextSteps: string[];
}

const KEBAB_CASE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export function scaffoldProjection(repoRoot: string, name: string, now: Date = new Date()): ScaffoldResult {
  if (!KEBAB_CASE.test(name)) {
    throw new ScaffoldNameError(
      `"${name}" is not a kebab-case name: lower-case letters and digits in words joined by "-", starting with a letter (e.g. streams-per-month)`,
    );
  }
  const camel = name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  const pascal = must(camel[0], 'camel[0]').toUpperCase() + camel.slice(1);
  const table = name.replaceAll('-', '_');
  const timestamp = now.getTime();
  const migrationClass = `${pascal}${timestamp}`;

  const migrationsDir = path.join(repoRoot, 'migrations/src');
  const projectionsDir = path.join(repoRoot, 'projections/src');
  const migrationFile = `${timestamp}-${name}.ts`;
  const projectionFile = `${name}.projection.ts`;
  const unitTestFile = `${name}.projection.unit.spec.ts`;

  const migrationsIndexPath = path.join(migrationsDir, 'index.ts');
  const projectionsIndexPath = path.join(projectionsDir, 'index.ts');
  const migrationsIndex = readFileSync(migrationsIndexPath, 'utf8');
  const projectionsIndex = readFileSync(projectionsIndexPath, 'utf8');

  assertNameFree({ name, camel, table, projectionsDir, migrationsDir, projectionFile, projectionsIndex });

  const newMigrationsIndex = registerMigration(migrationsIndex, migrationClass, migrationFile);
  const newProjectionsIndex = registerProjection(projectionsIndex, camel, projectionFile);

  writeFileSync(path.join(migrationsDir, migrationFile), migrationSource(name, table, migrationClass), { flag: 'wx' });
  writeFileSync(path.join(projectionsDir, projectionFile), projectionSource(name, camel, table), { flag: 'wx' });
  writeFileSync(path.join(projectionsDir, unitTestFile), unitTestSource(name, camel, table), { flag: 'wx' });
  writeFileSync(migrationsIndexPath, newMigrationsIndex);
  writeFileSync(projectionsIndexPath, newProjectionsIndex);

  const unitTest = `projections/src/${unitTestFile}`;
  return {
    name,
    migration: `migrations/src/${migrationFile}`,
    projection: `projections/src/${projectionFile}`,
    unitTest,
    table,
    nextSteps: [
      `change the metric: its table in migrations/src/${migrationFile} and tables/apply in projections/src/${projectionFile} (the columns must match)`,
      `run its unit test: NODE_OPTIONS=--experimental-vm-modules npx jest ${unitTest}`,
      'build the server code: npm run build:server',
      `fill it from the whole log and keep it live: npm run cli -- projections rebuild ${name} --follow`,
    ],
  };
}

export function formatScaffold(result: ScaffoldResult): string {
  return [
    `Created projection ${result.name} (table ${result.table}):`,
    `  ${result.migration}`,
    `  ${result.projection}`,
    `  ${result.unitTest}`,
    '  registered in migrations/src/index.ts and projections/src/index.ts (allProjections)',
    '',
    'Next steps:',
    ...result.nextSteps.map((step, i) => `  ${i + 1}. ${step}`),
    '',
  ].join('\n');
}

function assertNameFree(p: {
  name: string;
  camel: string;
  table: string;
  projectionsDir: string;
  migrationsDir: string;
  projectionFile: string;
  projectionsIndex: string;
}): void {
  if (existsSync(path.join(p.projectionsDir, p.projectionFile))) {
    throw new ScaffoldNameError(`projection "${p.name}" already exists: projections/src/${p.projectionFile}`);
  }
  const taken = readdirSync(p.migrationsDir).find((file) => file.endsWith(`-${p.name}.ts`));
  if (taken) throw new ScaffoldNameError(`a migration for "${p.name}" already exists: migrations/src/${taken}`);
  if (new RegExp(`\\b${p.camel}\\b`).test(p.projectionsIndex)) {
    throw new ScaffoldNameError(`"${p.camel}" is already a name in projections/src/index.ts`);
  }
  for (const file of readdirSync(p.migrationsDir)) {
    const sql = readFileSync(path.join(p.migrationsDir, file), 'utf8');
    if (new RegExp(`projection_templates\\.${p.table}\\b`).test(sql)) {
      throw new ScaffoldNameError(`the table ${p.table} already exists: migrations/src/${file} creates it`);
    }
  }
}

/** The index's shape the scaffold edits: imports, then `export const allMigrations = [ … ];`. */
function registerMigration(index: string, migrationClass: string, migrationFile: string): string {
  const list = /(export const allMigrations = \[\n[\s\S]*?)(\];)/;
  if (!list.test(index)) throw new Error('migrations/src/index.ts has no `export const allMigrations = [ … ];` list');
  const withImport = insertAfterLastImport(
    index,
    `import { ${migrationClass} } from './${migrationFile.replace(/\.ts$/, '.js')}';`,
    'migrations/src/index.ts',
  );
  return withImport.replace(list, `$1  ${migrationClass},\n$2`);
}

/** Adds the import, the name to the `export { … }` block, and the projection to `allProjections`. */
function registerProjection(index: string, camel: string, projectionFile: string): string {
  const exportBlock = /(\nexport \{\n[\s\S]*?)(\};)/;
  const list = /(export const allProjections: readonly Projection\[\] = \[\n[\s\S]*?)(\] as readonly Projection\[\];)/;
  if (!exportBlock.test(index)) throw new Error('projections/src/index.ts has no `export { … };` block of projections');
  if (!list.test(index)) throw new Error('projections/src/index.ts has no `allProjections` list');
  const withImport = insertAfterLastImport(
    index,
    `import { ${camel} } from './${projectionFile.replace(/\.ts$/, '.js')}';`,
    'projections/src/index.ts',
  );
  return withImport.replace(exportBlock, `$1  ${camel},\n$2`).replace(list, `$1  ${camel},\n$2`);
}

function insertAfterLastImport(source: string, line: string, file: string): string {
  const lines = source.split('\n');
  let last = -1;
  lines.forEach((l, i) => {
    if (/^import .* from '\.\/.*';$/.test(l)) last = i;
  });
  if (last < 0) throw new Error(`${file} has no relative imports to add to`);
  lines.splice(last + 1, 0, line);
  return lines.join('\n');
}

function migrationSource(name: string, table: string, migrationClass: string): string {
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The "${name}" metric (projections/src/${name}.projection.ts): its read table as a template in
 * the projection_templates schema; the projector copies it for each build of the projection.
 */
export class ${migrationClass} implements MigrationInterface {
  name = '${migrationClass}';

  async up(q: QueryRunner): Promise<void> {
    await q.query(\`
      CREATE TABLE projection_templates.${table} (
        channel_id text PRIMARY KEY,
        followers bigint NOT NULL,
        fetched_at timestamptz NOT NULL
      )\`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(\`DROP TABLE projection_templates.${table}\`);
  }
}
`;
}

function projectionSource(name: string, camel: string, table: string): string {
  return `/**
 * ${table}: per channel, its latest follower count (generated by \`projections new ${name}\`:
 * change it into the metric you want, with its migration).
 *
 *   FollowerCountFetched → the channel's row is replaced, unless a later count is already recorded.
 */
import { defineProjection, type TableSpec } from './projection.js';
import { assertNever, isoTime } from './time.js';

export const ${camel}Table = {
  name: '${table}',
  primaryKey: ['channel_id'],
  columns: { channel_id: 'text', followers: 'bigint', fetched_at: 'timestamptz' },
} as const satisfies TableSpec;

const TABLE = ${camel}Table.name;

export const ${camel} = defineProjection({
  name: '${name}',
  version: 1,
  handles: ['FollowerCountFetched'],
  tables: [${camel}Table],
  parallel: 'by-channel',

  rowsToLoad: (event) => [{ table: TABLE, key: { channel_id: event.data.broadcasterId } }],

  apply(event, rows) {
    switch (event.type) {
      case 'FollowerCountFetched': {
        const fetchedAt = isoTime(event.metadata.fetchedAt);
        const existing = rows.get<{ fetched_at: string }>(TABLE, { channel_id: event.data.broadcasterId });
        if (existing && existing.fetched_at > fetchedAt) return;
        rows.put(TABLE, { channel_id: event.data.broadcasterId, followers: event.data.total, fetched_at: fetchedAt });
        return;
      }
      default:
        return assertNever(event.type);
    }
  },
});
`;
}

function unitTestSource(name: string, camel: string, table: string): string {
  return `import { ${camel} } from './${name}.projection.js';
import type { Projection } from './projection.js';
import { followers } from './testing/channel-events.js';
import { project } from './testing/project-events.js';

describe('${name} projection', () => {
  it('given a follower count, then the channel has a row with it', () => {
    const events = [followers('ch1', 1200, '2026-06-01T12:00:00.000Z')];
    const rows = project(${camel} as Projection, events).rows('${table}');
    expect(rows).toEqual([{ channel_id: 'ch1', followers: 1200, fetched_at: '2026-06-01T12:00:00.000Z' }]);
  });
});
`;
}
