/**
 * `collect --all | --channel <id...> [--kind daily|refresh] [--json]`: runs a collection job from
 * the command line, through the same commands and job machinery as the server (its events, its
 * resumability), with a progress bar on stderr and a summary on stdout. Exit codes: 0 every channel
 * collected, 1 a channel or the job failed, 2 bad arguments, 130 interrupted (the job resumes at the
 * next server start).
 */
import type { Command } from 'commander';
import type { AppConfig } from '../config/app-config.js';
import type { JobSummary } from '../collection/jobs/collection-jobs.js';
import type { Logger } from '../logging/logger.js';
import { formatDuration } from './cli-format.js';
import { must } from '../must.js';

interface CollectOptions {
  all?: boolean;
  channel?: string[];
  kind: string;
  json?: boolean;
}

export function registerCollectCommand(program: Command, config: () => Promise<AppConfig>): void {
  program
    .command('collect')
    .description('collect from Twitch now: the daily collection of every connected channel (--all) or of some channels')
    .option('--all', 'every connected channel (from the account-link events)')
    .option('--channel <broadcasterId...>', 'only these channels (Twitch broadcaster ids)')
    .option('--kind <kind>', 'daily: everything; refresh: profile, live status, followers, subscribers', 'daily')
    .option('--json', 'print the summary as JSON')
    .action(async (options: CollectOptions, command: Command) => {
      const usage = (message: string) =>
        command.error(`error: ${message}`, { exitCode: 2, code: 'creatorsync.collectUsage' });
      if (!options.all && !options.channel) usage('say which channels: --all, or --channel <broadcasterId...>');
      if (options.all && options.channel) usage('--all and --channel exclude each other');
      if (options.kind !== 'daily' && options.kind !== 'refresh')
        usage(`--kind must be daily or refresh, got "${options.kind}"`);
      const bad = (options.channel ?? []).filter((id) => !/^\d{1,20}$/.test(id));
      if (bad.length > 0) usage(`--channel takes Twitch broadcaster ids (digits), got: ${bad.join(', ')}`);

      const cfg = await config();
      const { createCliLogger } = await import('./cli-logger.js');
      const logger = createCliLogger(process.env, cfg);
      let exitCode: number;
      try {
        exitCode = await collect(cfg, logger, options);
      } catch (error) {
        // A failure while working is not a usage mistake: the message alone, no stack.
        process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
        exitCode = 1;
      }
      process.exit(exitCode);
    });
}

async function collect(cfg: AppConfig, logger: Logger, options: CollectOptions): Promise<number> {
  // Imported here, not at the top: it loads the whole collection stack, which `--help` and the
  // other commands must not wait for.
  const { openCollectContext } = await import('./collect-context.js');
  const { createCollectProgress } = await import('./collect-progress.js');
  const context = await openCollectContext(cfg, logger);
  const progress = createCollectProgress('collect');
  // Set by the signal handler: an AbortController, since the compiler takes a `let` flag to be still false here.
  const interruption = new AbortController();
  const onSignal = () => {
    interruption.abort();
    process.stderr.write('\nstopping after the current batch; the job resumes at the next server start\n');
    void context.collection.close();
  };
  process.once('SIGINT', onSignal);
  const startedAt = Date.now();
  try {
    const channels = options.all
      ? (await context.collection.connected.all()).map((c) => c.broadcasterId)
      : [...new Set(must(options.channel, 'options.channel'))];
    if (channels.length === 0) {
      process.stderr.write(
        'no connected channel to collect (connect a Twitch account first, or name channels with --channel)\n',
      );
      return 0;
    }
    const kind = options.kind === 'refresh' ? 'refresh' : options.all ? 'admin_daily' : 'trigger';
    const job = await context.collection.jobs.start(
      { kind, requestedBy: 'cli', broadcasterIds: channels, source: 'manual' },
      progress,
    );
    const summary = await job.finished;
    progress.stop();
    const durationMs = Date.now() - startedAt;
    process.stdout.write(
      options.json ? `${JSON.stringify({ ...summary, durationMs }, null, 2)}\n` : formatSummary(summary, durationMs),
    );
    if (interruption.signal.aborted || summary.status === 'interrupted') return 130;
    return summary.status !== 'completed' || summary.channelsFailed > 0 ? 1 : 0;
  } finally {
    progress.stop();
    process.off('SIGINT', onSignal);
    await context.close();
  }
}

export function formatSummary(summary: JobSummary, durationMs: number): string {
  const perChannel = summary.channels > 0 ? (summary.requests / summary.channels).toFixed(2) : '0';
  const lines = [
    `Collection job ${summary.jobId}: ${summary.status}`,
    `  channels  ${summary.channelsOk} ok, ${summary.channelsFailed} failed (of ${summary.channels})`,
    `  requests  ${summary.requests} Helix requests (${perChannel} per channel)`,
    `  events    ${summary.eventsWritten} written`,
    `  duration  ${formatDuration(durationMs / 1000)}`,
  ];
  if (summary.failures.length > 0) {
    lines.push('  failed:');
    for (const f of summary.failures.slice(0, 20)) lines.push(`    ${f.broadcasterId}  ${f.error}`);
    if (summary.failures.length > 20) lines.push(`    … and ${summary.failures.length - 20} more`);
  }
  return `${lines.join('\n')}\n`;
}
