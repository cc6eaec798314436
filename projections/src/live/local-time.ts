/**
 * Hour-of-week in a channel's time zone, fast enough for a rebuild: one Intl formatter per zone
 * (building one costs far more than using it), and each zone's UTC offset remembered per quarter
 * hour of UTC time (offsets change only at transitions, which fall on quarter hours).
 */
import { DAY_MS, HOUR_MS } from '../time.js';
import { must } from '../must.js';

const QUARTER_MS = 900_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, Map<number, number>>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Local time minus UTC at `ms`, in milliseconds (Europe/Berlin in July: +7,200,000). */
export function utcOffsetMs(timeZone: string, ms: number): number {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return 0;
  const quarter = Math.floor(ms / QUARTER_MS);
  let zone = offsets.get(timeZone);
  if (!zone) offsets.set(timeZone, (zone = new Map<number, number>()));
  let offset = zone.get(quarter);
  if (offset === undefined) {
    const at = quarter * QUARTER_MS;
    const parts: Record<string, number> = {};
    for (const part of formatter(timeZone).formatToParts(at))
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    offset =
      Date.UTC(
        must(parts.year, 'parts.year'),
        must(parts.month, 'parts.month') - 1,
        must(parts.day, 'parts.day'),
        must(parts.hour, 'parts.hour'),
        must(parts.minute, 'parts.minute'),
      ) - at;
    if (zone.size > 200_000) zone.clear();
    zone.set(quarter, offset);
  }
  return offset;
}

export interface LocalHour {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  hour: number;
}

export function localHourOf(timeZone: string, ms: number): LocalHour {
  const local = ms + utcOffsetMs(timeZone, ms);
  const dayIndex = Math.floor(local / DAY_MS);
  // 1970-01-01 was a Thursday (ISO 4).
  return { weekday: ((((dayIndex + 3) % 7) + 7) % 7) + 1, hour: Math.floor((local - dayIndex * DAY_MS) / HOUR_MS) };
}

/** The first local hour boundary after `ms` (UTC milliseconds), in the offset in force at `ms`. */
export function nextLocalHourMs(timeZone: string, ms: number): number {
  const offset = utcOffsetMs(timeZone, ms);
  return (Math.floor((ms + offset) / HOUR_MS) + 1) * HOUR_MS - offset;
}
