/** Job ids: safe in URLs and consistency tokens (/^[A-Za-z0-9_-]{1,100}$/), sortable by time. */
import { randomBytes } from 'node:crypto';
import type { JobKind } from '@creatorsync/projections';

export const JOB_ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;

const compactTime = (at: Date) =>
  at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');

/** A fresh id for a run somebody asked for. */
export function newJobId(kind: JobKind, at: Date): string {
  return `${kind}-${compactTime(at)}-${randomBytes(4).toString('hex')}`;
}

/**
 * The scheduled daily run's id is the day itself: two instances that both fire at 02:00 race to
 * create the same job stream, and only one succeeds.
 */
export function scheduledDailyJobId(at: Date): string {
  return `daily-${at.toISOString().slice(0, 10)}`;
}
