/**
 * The time helpers' speed-ups, fenced here: rebuilds call isoTime, dayOfMs, addDays and timeMs
 * several times per event, over a few thousand distinct values. Each function answers exactly as
 * its plain form in ../time.ts would; time.unit.spec.ts checks them against Date's own answers.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** new Date(timestamp).toISOString(), remembered: Helix's own timestamps recur in every sample and fetch. */
export function memoizedIsoTime(timestamp: string): string {
  let iso = canonical.get(timestamp);
  if (iso === undefined) {
    iso = new Date(timestamp).toISOString();
    if (canonical.size > 50_000) canonical.clear();
    canonical.set(timestamp, iso);
  }
  return iso;
}
const canonical = new Map<string, string>();

/** The UTC day of a day's first millisecond, remembered (a rebuild meets a few hundred distinct days). */
export function memoizedDayOfDayStart(start: number): string {
  let day = dayStarts.get(start);
  if (day === undefined) {
    day = new Date(start).toISOString().slice(0, 10);
    if (dayStarts.size > 100_000) dayStarts.clear();
    dayStarts.set(start, day);
  }
  return day;
}
const dayStarts = new Map<number, string>();

/** The day `days` after `day`, remembered per day and then per shift (no key string built per call). */
export function memoizedAddDays(day: string, days: number): string {
  let byShift = shifted.get(day);
  if (byShift === undefined) {
    if (shifted.size > 20_000) shifted.clear();
    shifted.set(day, (byShift = new Map<number, string>()));
  }
  let result = byShift.get(days);
  if (result === undefined) {
    const date = new Date(`${day}T00:00:00Z`);
    date.setUTCDate(date.getUTCDate() + days);
    result = date.toISOString().slice(0, 10);
    byShift.set(days, result);
  }
  return result;
}
const shifted = new Map<string, Map<number, string>>();

/**
 * Date.parse, quicker for the one form rows hold (isoTime's: "2026-01-01T10:00:00.000Z"): the
 * projections following live samples parse sample and cursor times several times per event in a
 * rebuild. Any other form, or a year below 100, goes to Date.parse itself; the result is always
 * Date.parse's (a day past the month's end, as "02-30", runs into the next month there too).
 */
export function parseTimeMs(timestamp: string): number {
  if (timestamp.length !== 24 || timestamp.charCodeAt(23) !== 90 /* Z */) return Date.parse(timestamp);
  const year = digits(timestamp, 0, 4);
  const month = digits(timestamp, 5, 2);
  const day = digits(timestamp, 8, 2);
  const hour = digits(timestamp, 11, 2);
  const minute = digits(timestamp, 14, 2);
  const second = digits(timestamp, 17, 2);
  const ms = digits(timestamp, 20, 3);
  if (
    year < 100 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > 31 ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    second < 0 ||
    second > 59 ||
    ms < 0 ||
    timestamp.charCodeAt(4) !== 45 ||
    timestamp.charCodeAt(7) !== 45 ||
    timestamp.charCodeAt(10) !== 84 ||
    timestamp.charCodeAt(13) !== 58 ||
    timestamp.charCodeAt(16) !== 58 ||
    timestamp.charCodeAt(19) !== 46
  ) {
    return Date.parse(timestamp);
  }
  // Date.UTC's arithmetic without its cost: days since 1970 of the month's first day (Hinnant's
  // days_from_civil), then the day of the month, which may run past the month's end as in Date.parse.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5);
  const days =
    era * 146_097 +
    yearOfEra * 365 +
    Math.floor(yearOfEra / 4) -
    Math.floor(yearOfEra / 100) +
    dayOfYear -
    719_468 +
    day -
    1;
  return days * DAY_MS + hour * HOUR_MS + minute * 60_000 + second * 1000 + ms;
}

/** The number written by `count` decimal digits from `from`, or -1 if one is not a digit. */
function digits(text: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}
