/**
 * `npm run bench -- <name> [options]`: runs backend/src/bench/<name>.ts, which prints its figures.
 * Benchmarks are commands, never tests: tests do not assert on timings.
 */
import 'reflect-metadata';

/** The benchmarks, each a file exporting `run(args)`; `<name>-*.ts` files are their parts. */
const available = ['rebuild', 'api', 'collection', 'startup', 'append', 'backfill'];

const [name, ...args] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  process.stderr.write(
    `${name ? `Unknown benchmark "${name}". ` : ''}Usage: npm run bench -- <name> [options]\nBenchmarks: ${available.join(', ')}\n`,
  );
  process.exit(2);
}
const bench = (await import(`./${name}.js`)) as { default: (args: string[]) => Promise<void> };
try {
  await bench.default(args);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
