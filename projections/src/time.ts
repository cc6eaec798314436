/**
 * Calendar helpers on 'YYYY-MM-DD' day strings (UTC), so projections never depend on the machine's
 * zone. The caches and the hand parser that make them fast in a rebuild live in internal/fast-time.ts.
 */
import { memoizedAddDays, memoizedDayOfDayStart, memoizedIsoTime, parseTimeMs } from './internal/fast-time.js';

const UTC_ISO = /^\d{4}-\d{2}-\d{2}T[^+]*Z$/;
/** Exactly what toISOString() writes, and what a timestamptz read back from Postgres becomes. */
const CANONICAL_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * A timestamp in the one form rows hold (toISOString: UTC, milliseconds). Helix writes
 * "2026-01-01T10:00:00Z"; Postgres gives it back as "…00.000Z": rows that compare or store
 * timestamps must use one form, or a row built in memory and the same row reloaded would differ.
 */
export function isoTime(timestamp: string): string {
  return CANONICAL_ISO.test(timestamp) ? timestamp : memoizedIsoTime(timestamp);
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** The UTC day a millisecond timestamp falls on. */
export function dayOfMs(ms: number): string {
  return memoizedDayOfDayStart(ms - (ms % DAY_MS));
}

/** Date.parse's answer for a timestamp (quicker for the form rows hold). */
export function timeMs(timestamp: string): number {
  return parseTimeMs(timestamp);
}

/** Start of a 'YYYY-MM-DD' day (UTC) in milliseconds. */
export function dayStartMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

export function dayOf(isoTimestamp: string): string {
  // Timestamps written by toISOString() are UTC already: their first ten characters are the day.
  if (UTC_ISO.test(isoTimestamp)) return isoTimestamp.slice(0, 10);
  return new Date(isoTimestamp).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return memoizedAddDays(day, days);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function assertNever(value: never): never {
  throw new Error(`Unhandled event: ${JSON.stringify(value)}`);
}
