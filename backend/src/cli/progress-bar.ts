/**
 * What every CLI progress bar shares: cli-progress on stderr (stdout stays for results and
 * `--json`), and, when stderr is a log file rather than a terminal, a line every few seconds
 * instead of nothing.
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
