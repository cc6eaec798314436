/** The Refresh button's reading of a job (src/lib/jobs.ts) and the table's durations (src/lib/format.ts). */
import { formatDuration, formatHours } from '../src/lib/format.ts';
import { channelsDone, jobFailure } from '../src/lib/jobs.ts';
import type { Job, JobAccepted } from '../src/lib/types.ts';

const job = (overrides: Partial<Job>): Job => ({
  jobId: 'j1',
  kind: 'refresh',
  status: 'running',
  requestedByYou: true,
  progressPct: 50,
  channels: [],
  counts: null,
  error: null,
  requestedAt: '2026-11-25T10:00:00.000Z',
  startedAt: null,
  finishedAt: null,
  ...overrides,
});
const accepted: JobAccepted = {
  jobId: 'j1',
  consistencyToken: 't',
  kind: 'refresh',
  channels: ['1', '2', '3'],
  status: 'requested',
};

describe('channelsDone', () => {
  it('counts every channel that is no longer pending, failed ones included', () => {
    const running = job({
      channels: [
        { id: '1', outcome: 'collected', error: null },
        { id: '2', outcome: 'failed', error: 'timeout' },
        { id: '3', outcome: 'pending', error: null },
      ],
    });
    expect(channelsDone(running, accepted)).toEqual({ done: 2, total: 3 });
  });

  it('before the job reaches the jobs list, none of the requested channels is done', () => {
    expect(channelsDone(null, accepted)).toEqual({ done: 0, total: 3 });
    expect(channelsDone(null, null)).toEqual({ done: 0, total: 0 });
  });
});

describe('jobFailure', () => {
  it("prefers the job's own error, then names the channels that failed", () => {
    expect(jobFailure(job({ status: 'failed', error: 'Helix unavailable' }))).toBe('Helix unavailable');
    expect(
      jobFailure(job({ status: 'failed', channels: [{ id: '7', outcome: 'failed', error: 'token revoked' }] })),
    ).toBe('The refresh failed for channel 7: token revoked');
    expect(jobFailure(job({ status: 'failed' }))).toBe('The refresh job failed.');
  });
});

describe('durations and hours', () => {
  it('shows hours and minutes, rounded to the minute', () => {
    expect(formatDuration(3.42)).toBe('3 h 25 min');
    expect(formatDuration(0.5)).toBe('30 min');
    expect(formatDuration(2)).toBe('2 h');
    expect(formatDuration(1.999)).toBe('2 h');
    expect(formatHours(48.66)).toBe('48.7 h');
    expect(formatHours(null)).toBe('—');
  });
});
