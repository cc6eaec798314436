/**
 * `projections list | status | rebuild <name> | replay | new <name>`: what the projections are, how
 * far each build is, blue/green rebuilds from the log with a progress bar, and the files of a new
 * projection. Results go to stdout; logs and the bar go to stderr. Exit codes: 0 done, 1 failed,
 * 2 unknown projection (or a bad name for `new`), 130 interrupted.
 */
import type { Command } from 'commander';
import type { AppConfig } from '../config/app-config.js';
import type { OpenProjectionsContext } from './projections-context.js';
import { formatCount, formatDuration } from './cli-format.js';
import type { RebuildResult } from './projections-rebuild.js';

/*
 * Each action imports the projections, the projector and the reports when it runs: describing the
 * commands (for `--help`, or to run `token`) must not load them.
 */
const projectionsPackage = () => import('@creatorsync/projections');
const rebuildModule = () => import('./projections-rebuild.js');
const reportModule = () => import('./projections-report.js');

export function registerProjectionsCommand(program: Command, config: () => Promise<AppConfig>): void {
  const projections = program
    .command('projections')
    .description('list projections, show their status, rebuild them from the event log');

  projections
    .command('list')
    .description('the projections in the code: version, handled event types, tables')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const { allProjections } = await projectionsPackage();
      const { formatProjectionList, listProjections } = await reportModule();
      const infos = listProjections(allProjections);
      process.stdout.write(options.json ? `${JSON.stringify(infos, null, 2)}\n` : formatProjectionList(infos));
    });

  projections
    .command('status')
    .description('per projection build: version, state, position, lag (events and seconds), events processed')
    .option('--json', 'print JSON')
    .action((options: { json?: boolean }) =>
      withContext(config, async (context) => {
        const { formatStatusTable, projectionsStatus } = await reportModule();
        const reports = await projectionsStatus(context.pool, context.projections, {
          logInPostgres: context.logInPostgres,
        });
        process.stdout.write(options.json ? `${JSON.stringify(reports, null, 2)}\n` : formatStatusTable(reports));
      }),
    );

  projections
    .command('rebuild')
    .description('replay the whole log into a new build of one projection; readers switch when it has caught up')
    .argument('<name>', 'the projection (`projections list` names them)')
    .option('--json', 'print the result as JSON')
    .option(
      '--follow',
      'after readers switched, keep following the log live until a running server with this code takes over (Ctrl-C stops)',
    )
    .action(async (name: string, options: { json?: boolean; follow?: boolean }, command: Command) => {
      const { allProjections } = await projectionsPackage();
      const { findProjection, rebuildProjection } = await rebuildModule();
      const { createProgressBar } = await import('./projections-progress.js');
      // Checked before the database opens: a typo answers at once, with the names it could have been.
      try {
        findProjection(allProjections, name);
      } catch (error) {
        command.error(`error: ${(error as Error).message}`, { exitCode: 2, code: 'creatorsync.unknownProjection' });
      }
      await withContext(config, async (context, signal) => {
        const result = await rebuildProjection(context, name, {
          progress: createProgressBar,
          signal,
          follow: options.follow,
          onFollowing: (build, warnings) => {
            for (const warning of warnings) process.stderr.write(`warning: ${warning}\n`);
            process.stderr.write(
              `Readers use build ${build.buildId} of ${name}; following the log live here until a server with this code takes over (Ctrl-C stops)…\n`,
            );
          },
        });
        if (!options.follow) for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
        process.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : formatRebuild(result));
      });
    });

  projections
    .command('new')
    .description(
      'scaffold a new projection: its migration, the projection, its unit test, registered in both index files',
    )
    .argument('<name>', 'the projection name, kebab-case (e.g. streams-per-month)')
    .action(async (name: string, _options: unknown, command: Command) => {
      // Imported when used: `--help` must stay fast. Paths are from this file (backend/{src,dist}/cli) up to the repository.
      const { ScaffoldNameError, formatScaffold, scaffoldProjection } = await import('./projections-new.js');
      const { fileURLToPath } = await import('node:url');
      const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
      try {
        process.stdout.write(formatScaffold(scaffoldProjection(repoRoot, name)));
      } catch (error) {
        if (error instanceof ScaffoldNameError)
          command.error(`error: ${error.message}`, { exitCode: 2, code: 'creatorsync.badProjectionName' });
        await fail(error);
      }
    });

  projections
    .command('replay')
    .description('rebuild every projection from the log, together (the log is read once for all)')
    .option('--json', 'print the results as JSON')
    .action((options: { json?: boolean }) =>
      withContext(config, async (context, signal) => {
        const { replayAll } = await rebuildModule();
        const { createProgressBar } = await import('./projections-progress.js');
        const { results, failures } = await replayAll(context, { progress: createProgressBar, signal });
        if (options.json) {
          process.stdout.write(
            `${JSON.stringify({ results, failures: failures.map((f) => ({ name: f.name, error: f.error.message })) }, null, 2)}\n`,
          );
        } else {
          for (const result of results) process.stdout.write(formatRebuild(result));
          const events = results.reduce((sum, r) => sum + r.eventsProcessed, 0);
          const ms = Math.max(0, ...results.map((r) => r.durationMs));
          process.stdout.write(
            `Replayed ${results.length} of ${context.projections.length} projections: ${formatCount(events)} events in ${formatDuration(ms / 1000)}\n`,
          );
        }
        if (failures.length) throw new Error(failures.map((f) => f.error.message).join('\n'));
      }),
    );
}

export function formatRebuild(r: RebuildResult): string {
  return [
    `Rebuilt ${r.name} (version ${r.version})`,
    `  events:    ${formatCount(r.eventsProcessed)}`,
    `  duration:  ${formatDuration(r.durationMs / 1000)}`,
    `  rate:      ${formatCount(Math.round(r.eventsPerSecond))} events/s`,
    `  position:  ${r.position ?? 'start (no events)'}`,
    `  new build: ${r.buildId}, now serving${r.previousBuildId === null ? '' : ` (replaces build ${r.previousBuildId})`}`,
    ...(r.handedOverTo ? [`  followed:  by ${r.handedOverTo} from now on`] : []),
    '',
  ].join('\n');
}

/**
 * Opens the database and event store, runs the work, and always closes them again (an embedded
 * PostgreSQL this process started must not outlive it). Ctrl-C aborts the work cleanly first.
 */
async function withContext(
  config: () => Promise<AppConfig>,
  work: (context: OpenProjectionsContext, signal: AbortSignal) => Promise<void>,
): Promise<void> {
  const cfg = await config();
  const { createCliLogger } = await import('./cli-logger.js');
  const logger = createCliLogger(process.env, cfg);
  const abort = new AbortController();
  const onSignal = () => {
    if (abort.signal.aborted) return; // a second Ctrl-C while closing: let the close finish
    process.stderr.write('\nstopping…\n');
    // Ctrl-C reaches an embedded PostgreSQL this process started, too: its dropped connections are expected, not news.
    if (!process.env.LOG_LEVEL) logger.level = 'error';
    abort.abort(new Error('interrupted'));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let failure: unknown;
  let context: OpenProjectionsContext | undefined;
  try {
    // Imported when a command needs the database: `--help` and `list` must not load the event store.
    const { openProjectionsContext } = await import('./projections-context.js');
    context = await openProjectionsContext(cfg, logger);
    await work(context, abort.signal);
  } catch (error) {
    failure = error;
  } finally {
    await context?.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  if (failure !== undefined) await fail(failure);
}

/** A failure while working is not a usage mistake: the message alone, no help text, no stack. */
async function fail(error: unknown): Promise<never> {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`error: ${message}\n`);
  const { UnknownProjectionError } = await import('../projector/projector.js');
  const { RebuildInterruptedError } = await rebuildModule();
  process.exit(error instanceof UnknownProjectionError ? 2 : error instanceof RebuildInterruptedError ? 130 : 1);
}
