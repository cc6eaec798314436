/**
 * Which time zone names a channel may use: IANA "Area/Location" names ("Europe/Berlin") and UTC,
 * returned in their canonical spelling so "europe/berlin" and "Europe/Berlin" are one setting.
 * Offsets ("+02:00") and abbreviations ("EST", "CEST") are refused: they do not follow daylight
 * saving time, which is the point of choosing a zone for hour-of-week metrics.
 */
const AREA_LOCATION = /^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+){1,2}$/;
const UTC_NAMES = new Set(['utc', 'gmt', 'etc/utc', 'etc/gmt']);

/** The canonical IANA name, or undefined when `input` is not one. */
export function canonicalTimeZone(input: unknown): string | undefined {
  if (typeof input !== 'string' || input.length > 64) return undefined;
  if (UTC_NAMES.has(input.toLowerCase())) return 'UTC';
  if (!AREA_LOCATION.test(input)) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: input }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}
