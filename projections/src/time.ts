/** Calendar helpers on 'YYYY-MM-DD' day strings (UTC), so projections never depend on the machine's zone. */

const UTC_ISO = /^\d{4}-\d{2}-\d{2}T[^+]*Z$/;

export function dayOf(isoTimestamp: string): string {
  // Timestamps written by toISOString() are UTC already: their first ten characters are the day.
  if (UTC_ISO.test(isoTimestamp)) return isoTimestamp.slice(0, 10);
  return new Date(isoTimestamp).toISOString().slice(0, 10);
}

/** Rebuilds call this several times per event over a few hundred distinct days: remember the answers. */
const shifted = new Map<string, string>();

export function addDays(day: string, days: number): string {
  const key = `${day}|${days}`;
  let result = shifted.get(key);
  if (result === undefined) {
    const date = new Date(`${day}T00:00:00Z`);
    date.setUTCDate(date.getUTCDate() + days);
    result = date.toISOString().slice(0, 10);
    if (shifted.size > 100_000) shifted.clear();
    shifted.set(key, result);
  }
  return result;
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function assertNever(value: never): never {
  throw new Error(`Unhandled event: ${JSON.stringify(value)}`);
}
