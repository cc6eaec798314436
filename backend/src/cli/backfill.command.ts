/**
 * `backfill (--channel <id...> | --all) --from YYYY-MM-DD --to YYYY-MM-DD [--kinds followers,videos,clips]
 * [--dry-run] [--json]`: runs a backfill from the command line through the same job as the admin
 * API (its events, its recorded cursors), with a progress bar on stderr and a summary on stdout.
 * Exit codes as `collect`: 0 every channel backfilled, 1 a channel or the job failed (or it was
 * cancelled), 2 bad arguments, 130 interrupted (the job resumes at its cursors at the next start).
 */
import type { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import type { BackfillSummary } from '../collection/backfill/backfill-jobs.js';
import type { BackfillView } from '../collection/backfill/backfill-view.js';
import type { AppConfig } from '../config/app-config.js';
import type { Logger } from '../logging/logger.js';
import { formatDuration } from './cli-format.js';
import { must } from '../must.js';

interface BackfillOptions {
  all?: boolean;
  channel?: string[];
  from?: string;
  to?: string;
  kinds?: string;
  dryRun?: boolean;
  json?: boolean;
}

export function registerBackfillCommand(program: Command, config: () => Promise<AppConfig>): void {
  program
    .command('backfill')
    .description("rebuild channels' past from what Twitch still holds (followers, videos, clips) as events")
    .option('--all', 'every connected channel')
    .option('--channel <broadcasterId...>', 'only these channels (Twitch broadcaster ids)')
    .option('--from <day>', 'first UTC day, YYYY-MM-DD')
    .option('--to <day>', 'last UTC day, YYYY-MM-DD (not in the future)')
    .option('--kinds <kinds>', 'comma-separated: followers,videos,clips', 'followers,videos,clips')
    .option('--dry-run', 'say which requests it would make and how long they would take; fetch no list page')
    .option('--json', 'print { jobId, channels, requests, eventsWritten, skipped } as JSON')
    .action(async (options: BackfillOptions, command: Command) => {
      const usage = (message: string) =>
        command.error(`error: ${message}`, { exitCode: 2, code: 'creatorsync.backfillUsage' });
      if (!options.all && !options.channel) usage('say which channels: --all, or --channel <broadcasterId...>');
      if (options.all && options.channel) usage('--all and --channel exclude each other');
      if (!options.from || !options.to) usage('--from and --to are required (YYYY-MM-DD)');
      const bad = (options.channel ?? []).filter((id) => !/^\d{1,20}$/.test(id));
      if (bad.length > 0) usage(`--channel takes Twitch broadcaster ids (digits), got: ${bad.join(', ')}`);
      const cfg = await config();
      const { createCliLogger } = await import('./cli-logger.js');
      const logger = createCliLogger(process.env, cfg);
      let exitCode: number;
      try {
        exitCode = await backfill(cfg, logger, options, usage);
      } catch (error) {
        process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
        exitCode = 1;
      }
      process.exit(exitCode);
    });
}

async function backfill(
  cfg: AppConfig,
  logger: Logger,
  options: BackfillOptions,
  usage: (message: string) => never,
): Promise<number> {
  const { openCollectContext } = await import('./collect-context.js');
  const { BackfillInputError } = await import('../collection/backfill/backfill-input.js');
  const { createStderrBar } = await import('./progress-bar.js');
  const context = await openCollectContext(cfg, logger);
  const bar = createBackfillProgress(createStderrBar);
  // Set by the signal handler: an AbortController, since the compiler takes a `let` flag to be still false here.
  const interruption = new AbortController();
  const onSignal = () => {
    interruption.abort();
    process.stderr.write('\nstopping before the next page; the backfill resumes at its cursor at the next start\n');
    void context.collection.close();
  };
  process.once('SIGINT', onSignal);
  const startedAt = Date.now();
  try {
    let job;
    try {
      job = await context.collection.backfills.start(
        {
          channels: options.all ? 'all' : options.channel,
          from: must(options.from, 'options.from'),
          to: must(options.to, 'options.to'),
          kinds: must(options.kinds, 'options.kinds')
            .split(',')
            .map((k) => k.trim()),
          dryRun: options.dryRun === true,
          requestedBy: 'cli',
        },
        bar,
      );
    } catch (error) {
      if (error instanceof BackfillInputError) usage(error.message);
      throw error;
    }
    const summary = await job.finished;
    bar.stop();
    const view = await context.collection.backfills.view(job.jobId);
    const durationMs = Date.now() - startedAt;
    if (options.json) {
      const { jobId, channels, requests, eventsWritten, skipped } = summary;
      process.stdout.write(`${JSON.stringify({ jobId, channels, requests, eventsWritten, skipped }, null, 2)}\n`);
    } else process.stdout.write(formatSummary(summary, view, durationMs));
    if (interruption.signal.aborted || summary.status === 'interrupted') return 130;
    return summary.status !== 'completed' || summary.failures.length > 0 ? 1 : 0;
  } finally {
    bar.stop();
    process.off('SIGINT', onSignal);
    await context.close();
  }
}

/** Requests made of requests expected (the expectation grows as walks learn their size), ETA at the job's pace. */
function createBackfillProgress(createStderrBar: (format: string) => SingleBar): {
  onProgress(view: BackfillView): void;
  stop(): void;
} {
  const bar = createStderrBar(
    'backfill [{bar}] {value}/{total} requests | {pages} pages | {events} events | ETA {eta}',
  );
  let started = false;
  return {
    onProgress(view) {
      const total = Math.max(1, view.requests + view.remainingRequests);
      const payload = {
        pages: view.pages,
        events: view.eventsWritten,
        eta: view.etaSeconds === null ? '…' : formatDuration(view.etaSeconds),
      };
      if (!started) bar.start(total, view.requests, payload);
      started = true;
      bar.setTotal(total);
      bar.update(view.requests, payload);
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}

function formatSummary(summary: BackfillSummary, view: BackfillView, durationMs: number): string {
  const lines = [
    `Backfill ${summary.jobId}: ${summary.status}${view.dryRun ? ' (dry run)' : ''}`,
    `  range     ${view.from} .. ${view.to}  (${view.kinds.join(', ')})`,
    `  channels  ${summary.channels.length - summary.failures.length} ok, ${summary.failures.length} failed`,
    `  requests  ${summary.requests} Helix requests`,
    `  events    ${summary.eventsWritten} written, ${summary.skipped} already recorded`,
    `  duration  ${formatDuration(durationMs / 1000)}`,
  ];
  if (view.estimate) {
    lines.push(
      `  estimate  ${view.estimate.totalRequests} requests, about ${formatDuration(view.estimate.estimatedSeconds)} at ${view.estimate.requestsPerMinute} requests/min`,
    );
    for (const channel of view.estimate.byChannel)
      lines.push(
        `    ${channel.broadcasterId}  ${channel.requests.map((r) => `${r.count} × ${r.endpoint}`).join(', ')}`,
      );
  }
  for (const f of summary.failures.slice(0, 20)) lines.push(`    ${f.broadcasterId}  ${f.error}`);
  return `${lines.join('\n')}\n`;
}
