/**
 * The window of days a query covers: `days` ending today (the period switch), or a custom range
 * `from`–`to` (both UTC days, inclusive). One resolver for every endpoint that takes either, so
 * they all reject the same bad ranges with the same words.
 */
import { BadRequestException } from '@nestjs/common';
import { addDays } from '@creatorsync/projections';
import { windowEnding, type DayWindow } from './dates.js';

/** What the request asked for: both unset means the endpoint's default number of days. */
export interface DayRange {
  days?: number;
  from?: string;
  to?: string;
}

/** The longest range, as for `days`: two years of daily rows. */
export const MAX_RANGE_DAYS = 730;

const DAY_MS = 86_400_000;

/** A YYYY-MM-DD that names a real calendar day (the DTO checked the shape; 2026-02-30 passes that). */
function calendarDay(name: string, text: string): string {
  const at = new Date(`${text}T00:00:00Z`);
  if (Number.isNaN(at.getTime()) || at.toISOString().slice(0, 10) !== text)
    throw new BadRequestException(`${name} is not a calendar day: ${text}`);
  return text;
}

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** The window for `range` on `today` (UTC); a 400 that says what is wrong for a range that cannot be shown. */
export function resolveDayRange(today: string, range: DayRange, defaultDays: number): DayWindow {
  const { days, from, to } = range;
  if (from === undefined && to === undefined) return windowEnding(today, days ?? defaultDays);
  if (days !== undefined) throw new BadRequestException('give either days or from and to, not both');
  if (from === undefined || to === undefined)
    throw new BadRequestException('from and to go together: give both days of the range (YYYY-MM-DD)');
  calendarDay('from', from);
  calendarDay('to', to);
  if (from > to) throw new BadRequestException(`from (${from}) is after to (${to})`);
  if (to > today)
    throw new BadRequestException(`to (${to}) is in the future: the last day with data is today, ${today}`);
  const length = daysBetween(from, to) + 1;
  if (length > MAX_RANGE_DAYS)
    throw new BadRequestException(
      `the range ${from} to ${to} spans ${length} days; at most ${MAX_RANGE_DAYS} (from ${addDays(to, -(MAX_RANGE_DAYS - 1))} at the earliest)`,
    );
  return { from, to, days: length };
}

/** The range parameters of a validated query, without its other fields (queries carry only what they use). */
export const dayRange = ({ days, from, to }: DayRange): DayRange => ({ days, from, to });
