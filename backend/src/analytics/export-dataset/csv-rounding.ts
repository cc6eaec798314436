/**
 * How many decimals a CSV column's numbers keep: spreadsheets show what they are given, and
 * `0.39700575934135535` hours helps nobody. Hours (streamed, watched, a stream's duration) keep 2
 * decimals, averages 1, shares (0–1) 4; every other column (counts, ids) is left as it is. JSON
 * exports keep full precision: they are for programs, which round for themselves.
 */
import type { CsvValue } from './csv.js';

const DECIMALS: ReadonlyArray<[RegExp, number]> = [
  [/hours/, 2],
  [/^average_/, 1],
  [/_share$/, 4],
];

export function csvDecimals(column: string): number | null {
  return DECIMALS.find(([pattern]) => pattern.test(column))?.[1] ?? null;
}

/** The row with its numbers rounded per column (half away from zero), for the CSV export. */
export function roundForCsv(row: Record<string, CsvValue>): Record<string, CsvValue> {
  const rounded: Record<string, CsvValue> = {};
  for (const [column, value] of Object.entries(row)) {
    const decimals = csvDecimals(column);
    rounded[column] = typeof value === 'number' && decimals !== null ? roundTo(value, decimals) : value;
  }
  return rounded;
}

function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  // Number.EPSILON keeps 1.005 from rounding down (its binary value is just under 1.005).
  const rounded = Math.sign(value) * (Math.round((Math.abs(value) + Number.EPSILON) * factor) / factor);
  return Object.is(rounded, -0) ? 0 : rounded;
}
