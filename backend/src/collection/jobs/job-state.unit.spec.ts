/** A job as its stream tells it: what is done, what remains, whether it finished. */
import { jobStateOf, JobNotFoundError, remainingChannels } from './job-state.js';

const event = (type: string, data: object, revision: number) => ({
  type,
  data,
  metadata: { source: 'scheduled' },
  revision: BigInt(revision),
});
const requested = event(
  'CollectionJobRequested',
  {
    jobId: 'j',
    kind: 'daily',
    requestedBy: null,
    broadcasterIds: ['1', '2', '3'],
    requestedAt: '2026-02-10T02:00:00Z',
  },
  0,
);

describe('jobStateOf', () => {
  it('knows the channels a resumed job still has to collect, and its attempt', () => {
    const state = jobStateOf('j', [
      requested,
      event('CollectionJobStarted', { jobId: 'j', attempt: 1, alreadyDone: [] }, 1),
      event('ChannelCollected', { jobId: 'j', broadcasterId: '2', requests: 4, eventsWritten: 9, attempts: 1 }, 2),
      event('ChannelCollectionFailed', { jobId: 'j', broadcasterId: '3', error: 'boom', attempts: 3 }, 3),
    ]);
    expect(remainingChannels(state)).toEqual(['1']);
    expect(state).toMatchObject({ kind: 'daily', source: 'scheduled', attempts: 1, finished: null, revision: 3n });
    expect(state.failed.get('3')).toBe('boom');
  });

  it('is finished once completed or failed', () => {
    expect(jobStateOf('j', [requested, event('CollectionJobCompleted', {}, 1)]).finished).toBe('completed');
    expect(jobStateOf('j', [requested, event('CollectionJobFailed', {}, 1)]).finished).toBe('failed');
  });

  it('names a job that was never requested', () => {
    expect(() => jobStateOf('nope', [])).toThrow(JobNotFoundError);
  });
});
