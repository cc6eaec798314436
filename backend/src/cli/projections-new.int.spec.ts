/**
 * `projections new <name>` on a copy of the repository's projections and migrations: the five
 * pieces are written and registered, and the result type-checks as the real packages do (tsc with
 * their tsconfig). A bad or taken name writes nothing; from the command line it exits with code 2.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { TEST_DEADLINE_MS } from '../testing/deadlines.js';
import { stringContaining } from '../testing/matchers.js';
import { ScaffoldNameError, scaffoldProjection } from './projections-new.js';

const run = promisify(execFile);
const repo = path.resolve('.');
const cli = path.resolve('backend/dist/cli/main.js');

/** projections/ and migrations/ (sources and tsconfig), the base tsconfig, and node_modules linked. */
function copyOfRepo(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'scaffold-'));
  for (const pkg of ['projections', 'migrations']) {
    cpSync(path.join(repo, pkg, 'src'), path.join(root, pkg, 'src'), { recursive: true });
    cpSync(path.join(repo, pkg, 'tsconfig.json'), path.join(root, pkg, 'tsconfig.json'));
  }
  cpSync(path.join(repo, 'tsconfig.base.json'), path.join(root, 'tsconfig.base.json'));
  symlinkSync(path.join(repo, 'node_modules'), path.join(root, 'node_modules'));
  return root;
}

function snapshot(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const dir of ['projections/src', 'migrations/src']) {
    for (const file of readdirSync(path.join(root, dir))) {
      if (file.endsWith('.ts')) files[`${dir}/${file}`] = readFileSync(path.join(root, dir, file), 'utf8');
    }
  }
  return files;
}

describe('projections new <name>', () => {
  let root: string;
  beforeEach(() => (root = copyOfRepo()));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it(
    'writes the migration, the projection and its unit test, registers both, and the result type-checks',
    async () => {
      const result = scaffoldProjection(root, 'streams-per-month', new Date(1796000000000));

      expect(result.migration).toBe('migrations/src/1796000000000-streams-per-month.ts');
      expect(result.projection).toBe('projections/src/streams-per-month.projection.ts');
      expect(result.unitTest).toBe('projections/src/streams-per-month.projection.unit.spec.ts');
      for (const file of [result.migration, result.projection, result.unitTest]) {
        expect(existsSync(path.join(root, file))).toBe(true);
      }
      expect(readFileSync(path.join(root, result.migration), 'utf8')).toContain(
        'CREATE TABLE projection_templates.streams_per_month',
      );
      expect(readFileSync(path.join(root, result.projection), 'utf8')).toContain("name: 'streams-per-month'");

      const migrations = readFileSync(path.join(root, 'migrations/src/index.ts'), 'utf8');
      expect(migrations).toContain(
        "import { StreamsPerMonth1796000000000 } from './1796000000000-streams-per-month.js';",
      );
      expect(migrations).toMatch(/allMigrations = \[[^\]]*StreamsPerMonth1796000000000,\n\];/);
      const projections = readFileSync(path.join(root, 'projections/src/index.ts'), 'utf8');
      expect(projections).toContain("import { streamsPerMonth } from './streams-per-month.projection.js';");
      expect(projections).toMatch(/allProjections: readonly Projection\[\] = \[[^\]]*streamsPerMonth,\n\]/);

      expect(result.nextSteps.join('\n')).toContain(`npx jest ${result.unitTest}`);
      expect(result.nextSteps.join('\n')).toContain('npm run build:server');
      expect(result.nextSteps.join('\n')).toContain('npm run cli -- projections rebuild streams-per-month --follow');

      // As `tsc -b projections migrations` checks them: a compile error fails with its message.
      const tsc = path.join(repo, 'node_modules/.bin/tsc');
      for (const pkg of ['projections', 'migrations']) {
        await run(tsc, ['--noEmit', '-p', path.join(root, pkg, 'tsconfig.json')], { cwd: root });
      }
    },
    TEST_DEADLINE_MS,
  );

  it('refuses a name that is not kebab-case or already taken, and writes nothing', () => {
    const before = snapshot(root);
    for (const name of ['StreamsPerMonth', 'streams_per_month', '-streams', '2streams', 'streams--month']) {
      expect(() => scaffoldProjection(root, name)).toThrow(ScaffoldNameError);
    }
    expect(() => scaffoldProjection(root, 'best-times')).toThrow(/already exists/);
    expect(() => scaffoldProjection(root, 'games')).toThrow(/already exists/);
    expect(snapshot(root)).toEqual(before);
  });

  it(
    'from the command line: a bad name exits with code 2 and a clear error',
    async () => {
      const before = snapshot(repo);
      const failure = await run(process.execPath, [cli, 'projections', 'new', 'Streams_Per_Month']).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toMatchObject({
        code: 2,
        stderr: stringContaining('"Streams_Per_Month" is not a kebab-case name'),
      });
      expect(snapshot(repo)).toEqual(before);
    },
    TEST_DEADLINE_MS,
  );
});
