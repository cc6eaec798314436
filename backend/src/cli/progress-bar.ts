/**
 * What every CLI progress bar shares: cli-progress on stderr (stdout stays for results and
 * `--json`), and, when stderr is a log file rather than a terminal, a line every few seconds
 * instead of nothing. `formatDuration` writes ETAs and elapsed times the same way everywhere.
 */
import cliProgress from 'cli-progress';

export function createStderrBar(format: string): cliProgress.SingleBar {
  return new cliProgress.SingleBar({
    format,
    stream: process.stderr,
    barsize: 30,
    hideCursor: true,
    noTTYOutput: true,
    notTTYSchedule: 3000,
    fps: 5,
  });
}

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)}s`;
  const s = Math.round(seconds);
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
