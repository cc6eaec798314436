/**
 * What a StartBackfill may ask, checked before anything is recorded: real calendar days, `from`
 * not after `to`, nothing in the future, at most 10 years, known kinds, and channels that are
 * connected (or "all"). Each problem is a BackfillInputError whose message says what is wrong.
 */
import { backfillKinds, type BackfillKind } from '@creatorsync/projections';

export const MAX_RANGE_YEARS = 10;

export class BackfillInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackfillInputError';
  }
}

export interface StartBackfill {
  channels: string[] | 'all';
  from: string;
  to: string;
  kinds: BackfillKind[];
  dryRun: boolean;
  requestedBy: string | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function parseDay(name: string, value: unknown): string {
  if (typeof value !== 'string' || !DAY.test(value))
    throw new BackfillInputError(`"${name}" must be a date as YYYY-MM-DD, got ${JSON.stringify(value)}`);
  const time = Date.parse(`${value}T00:00:00Z`);
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== value)
    throw new BackfillInputError(`"${name}" is not a calendar day: ${value}`);
  return value;
}

/** The range's checks, against today's UTC date. */
export function checkRange(fromValue: unknown, toValue: unknown, now: Date): { from: string; to: string } {
  const from = parseDay('from', fromValue);
  const to = parseDay('to', toValue);
  const today = now.toISOString().slice(0, 10);
  if (from > to) throw new BackfillInputError(`"from" (${from}) is after "to" (${to})`);
  if (to > today) throw new BackfillInputError(`"to" (${to}) is in the future (today is ${today} UTC)`);
  const limit = new Date(`${to}T00:00:00Z`);
  limit.setUTCFullYear(limit.getUTCFullYear() - MAX_RANGE_YEARS);
  if (from < limit.toISOString().slice(0, 10))
    throw new BackfillInputError(`the range ${from}..${to} is longer than ${MAX_RANGE_YEARS} years`);
  return { from, to };
}

export function checkKinds(value: unknown): BackfillKind[] {
  if (value === undefined || value === 'all') return [...backfillKinds];
  if (!Array.isArray(value) || value.length === 0)
    throw new BackfillInputError(`"kinds" must be a non-empty list of ${backfillKinds.join(', ')} (or "all")`);
  const unknown = value.filter((k) => !(backfillKinds as readonly unknown[]).includes(k));
  if (unknown.length > 0)
    throw new BackfillInputError(
      `unknown kind(s) ${unknown.map((k) => JSON.stringify(k)).join(', ')}: use ${backfillKinds.join(', ')}`,
    );
  return [...new Set(value as BackfillKind[])];
}

export function checkChannels(value: unknown): string[] | 'all' {
  if (value === 'all') return 'all';
  if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === 'string' && v.length > 0))
    throw new BackfillInputError('"channels" must be "all" or a non-empty list of Twitch broadcaster ids');
  return [...new Set(value as string[])];
}

/** Which of the asked channels are connected; the others are an error naming them. */
export function resolveChannels(asked: string[] | 'all', connected: string[]): string[] {
  if (asked === 'all') {
    if (connected.length === 0) throw new BackfillInputError('no channel is connected: there is nothing to backfill');
    return connected;
  }
  const known = new Set(connected);
  const unknown = asked.filter((id) => !known.has(id));
  if (unknown.length > 0) throw new BackfillInputError(`unknown or unconnected channel(s): ${unknown.join(', ')}`);
  return asked;
}
