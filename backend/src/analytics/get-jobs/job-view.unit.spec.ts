import { jobView, type JobRow } from './job-view.js';

const job = (overrides: Partial<JobRow>): JobRow => ({
  job_id: 'j1',
  kind: 'daily',
  requested_by: null,
  broadcaster_ids: ['1', '2', '3', '4'],
  status: 'running',
  channels_total: 4,
  channels_ok: 1,
  channels_failed: 1,
  requests: 12,
  events_written: 30,
  failures: [
    { broadcasterId: '2', error: 'helix 500' },
    { broadcasterId: '3', error: 'token revoked' },
  ],
  error: 'secret detail about other channels',
  requested_at: new Date('2026-11-25T02:00:00Z'),
  started_at: null,
  finished_at: null,
  ...overrides,
});

describe('what a user sees of a job', () => {
  it('of a scheduled job: only their own channels, no whole-job counts or error', () => {
    const view = jobView(job({}), 'alice', new Set(['1', '3', '99']));
    expect(view.requestedByYou).toBe(false);
    expect(view.channels).toEqual([
      { id: '1', outcome: 'pending', error: null },
      { id: '3', outcome: 'failed', error: 'token revoked' },
    ]);
    expect(view.counts).toBeNull();
    expect(view.error).toBeNull();
    expect(JSON.stringify(view)).not.toMatch(/"2"|"4"|helix 500|secret/);
    expect(view.progressPct).toBe(50);
  });

  it('of a job they requested: counts and error too', () => {
    const view = jobView(
      job({ requested_by: 'alice', status: 'failed', broadcaster_ids: ['1'] }),
      'alice',
      new Set(['1']),
    );
    expect(view.counts).toEqual({
      channelsTotal: 4,
      channelsOk: 1,
      channelsFailed: 1,
      requests: 12,
      eventsWritten: 30,
    });
    expect(view.error).toBe('secret detail about other channels');
    expect(view.channels).toEqual([{ id: '1', outcome: 'not_collected', error: null }]);
    expect(view.progressPct).toBe(100);
  });

  it('a completed job collected every channel that is not among its failures', () => {
    const view = jobView(job({ status: 'completed' }), 'bob', new Set(['1', '2']));
    expect(view.channels.map((c) => c.outcome)).toEqual(['collected', 'failed']);
  });
});
