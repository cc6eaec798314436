import { analyticsJobs } from './analytics-jobs.projection.js';
import type { CatalogueEvent } from './catalogue/event-catalogue.js';

import { event, project } from './testing/project-events.js';
import { must } from './must.js';

const run = (events: CatalogueEvent[]) => project(analyticsJobs, events).rows('analytics_jobs');
const T = (minute: number) => new Date(Date.UTC(2026, 5, 1, 2, minute)).toISOString();
const requested = event(
  'CollectionJobRequested',
  { jobId: 'j1', kind: 'daily', requestedBy: null, broadcasterIds: ['a', 'b', 'c'], requestedAt: T(0) },
  T(0),
);
const started = (attempt: number, minute: number) =>
  event('CollectionJobStarted', { jobId: 'j1', startedAt: T(minute), attempt, alreadyDone: [] }, T(minute));
const collected = (id: string, minute: number) =>
  event(
    'ChannelCollected',
    { jobId: 'j1', broadcasterId: id, requests: 5, eventsWritten: 3, attempts: 1, collectedAt: T(minute) },
    T(minute),
  );
const failed = (id: string, minute: number) =>
  event(
    'ChannelCollectionFailed',
    { jobId: 'j1', broadcasterId: id, error: 'Helix 503', attempts: 4, failedAt: T(minute) },
    T(minute),
  );

describe('analytics-jobs projection', () => {
  it("given a job's events, then its status and counts as it runs", () => {
    const [job] = run([requested, started(1, 1), collected('a', 2), failed('b', 3)]);
    expect([
      must(job, 'job').status,
      must(job, 'job').attempt,
      must(job, 'job').channels_total,
      must(job, 'job').channels_ok,
      must(job, 'job').channels_failed,
      must(job, 'job').requests,
      must(job, 'job').events_written,
    ]).toEqual(['running', 1, 3, 1, 1, 5, 3]);
    expect(must(job, 'job').failures).toEqual([
      { broadcasterId: 'b', error: 'Helix 503', attempts: 4, failedAt: T(3) },
    ]);
    expect([
      must(job, 'job').requested_position,
      must(job, 'job').finished_position,
      must(job, 'job').finished_at,
    ]).toEqual([requested.position, null, null]);
  });

  it("given a resumed job whose failed channel then succeeds, then completed with the job's own totals and position", () => {
    const completed = event(
      'CollectionJobCompleted',
      { jobId: 'j1', completedAt: T(9), channelsOk: 3, channelsFailed: 0, requests: 15, eventsWritten: 9 },
      T(9),
    );
    const [job] = run([
      requested,
      started(1, 1),
      collected('a', 2),
      failed('b', 3),
      started(2, 5),
      collected('b', 6),
      collected('c', 7),
      completed,
    ]);
    expect([
      must(job, 'job').status,
      must(job, 'job').attempt,
      must(job, 'job').channels_ok,
      must(job, 'job').channels_failed,
      must(job, 'job').failures,
      must(job, 'job').requests,
    ]).toEqual(['completed', 2, 3, 0, [], 15]);
    expect([must(job, 'job').started_at, must(job, 'job').finished_at, must(job, 'job').finished_position]).toEqual([
      T(1),
      T(9),
      completed.position,
    ]);
  });

  it('given a failed job, then failed with its error', () => {
    const [job] = run([
      requested,
      started(1, 1),
      event('CollectionJobFailed', { jobId: 'j1', failedAt: T(4), error: 'process stopped' }, T(4)),
    ]);
    expect([must(job, 'job').status, must(job, 'job').error, must(job, 'job').finished_at]).toEqual([
      'failed',
      'process stopped',
      T(4),
    ]);
  });
});
