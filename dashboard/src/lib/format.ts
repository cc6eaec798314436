/**
 * Number and date formatting shared by cards, axes and tooltips. Fixed to en-US so
 * what a user sees matches what the browser tests assert; dates are UTC days.
 */

const LOCALE = 'en-US';
export const DASH = '—';

const integer = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const signedInteger = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0, signDisplay: 'exceptZero' });
const signedPercent = new Intl.NumberFormat(LOCALE, {
  minimumFractionDigits: 1,
  maximumFractionDigits: 2,
  signDisplay: 'exceptZero',
});
const compact = new Intl.NumberFormat(LOCALE, { notation: 'compact', maximumFractionDigits: 1 });
const signedOneDecimal = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1, signDisplay: 'exceptZero' });

const dayLong = new Intl.DateTimeFormat(LOCALE, { timeZone: 'UTC', month: 'short', day: 'numeric', year: 'numeric' });
const dayShort = new Intl.DateTimeFormat(LOCALE, { timeZone: 'UTC', month: 'short', day: 'numeric' });
const month = new Intl.DateTimeFormat(LOCALE, { timeZone: 'UTC', month: 'short' });
const weekday = new Intl.DateTimeFormat(LOCALE, { timeZone: 'UTC', weekday: 'short' });

/** 12345 → "12,345"; null → "—". */
export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? DASH : integer.format(value);
}

/** 210 → "+210", -35 → "−35" (typographic minus), 0 → "0". */
export function formatSigned(value: number | null | undefined): string {
  if (value === null || value === undefined) return DASH;
  return signedInteger.format(value).replace('-', '−');
}

/** 1.73 → "+1.73%", 9 → "+9.0%". The API sends percentages, not fractions. */
export function formatSignedPercent(value: number | null | undefined): string {
  if (value === null || value === undefined) return DASH;
  return `${signedPercent.format(value).replace('-', '−')}%`;
}

/** 12345 → "12.3K": for axis labels where space is short. */
export function formatCompact(value: number): string {
  return compact.format(value);
}

/** 13.84 → "+13.8": for averages. */
export function formatSignedDecimal(value: number): string {
  return signedOneDecimal.format(value).replace('-', '−');
}

/** "2026-11-25" → a Date at UTC midnight. */
export function parseDay(day: string): Date {
  const [y = 1970, m = 1, d = 1] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

/** "2026-11-25" → "Nov 25, 2026". */
export function formatDay(day: string | Date): string {
  return dayLong.format(typeof day === 'string' ? parseDay(day) : day);
}

/** "2026-11-25" → "Wed, Nov 25, 2026": for tooltips, where the weekday explains weekly patterns. */
export function formatDayWithWeekday(day: string | Date): string {
  const date = typeof day === 'string' ? parseDay(day) : day;
  return `${weekday.format(date)}, ${dayLong.format(date)}`;
}

export function formatDayShort(date: Date): string {
  return dayShort.format(date);
}

/** Month ticks: "Feb", "Mar", … with the year in place of January, as d3's time axes do. */
export function formatMonthTick(date: Date): string {
  return date.getUTCMonth() === 0 ? String(date.getUTCFullYear()) : month.format(date);
}

const oneDecimal = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1 });
const dateTime = new Intl.DateTimeFormat(LOCALE, {
  timeZone: 'UTC',
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** 123.456 → "123.5"; null → "—": for averages. */
export function formatDecimal(value: number | null | undefined): string {
  return value === null || value === undefined ? DASH : oneDecimal.format(value);
}

/** 12.34 → "12.3 h". */
export function formatHours(value: number | null | undefined): string {
  return value === null || value === undefined ? DASH : `${oneDecimal.format(value)} h`;
}

/** 3.42 → "3 h 25 min", 0.5 → "30 min". */
export function formatDuration(hours: number): string {
  const minutes = Math.round(hours * 60);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** ISO timestamp → "Nov 24, 2026, 14:05 UTC". */
export function formatDateTime(iso: string): string {
  return `${dateTime.format(new Date(iso))} UTC`;
}

/** A Date or ISO timestamp → "14:05" (UTC): for times within one day, such as a stream's curve. */
export function formatClock(value: Date | string): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  return `${String(date.getUTCHours()).padStart(2, '0')}:${String(date.getUTCMinutes()).padStart(2, '0')}`;
}
