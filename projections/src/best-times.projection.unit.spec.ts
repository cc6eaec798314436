import type { CatalogueEvent } from './catalogue/event-catalogue.js';
import { bestTimes } from './best-times.projection.js';
import type { Projection } from './projection.js';
import { followers, offline, sample } from './testing/channel-events.js';
import { event, project } from './testing/project-events.js';

const round = (x: unknown) => (x === null ? null : Math.round((x as number) * 1000) / 1000);
const run = (events: CatalogueEvent[]) =>
  project(bestTimes as Projection, events)
    .rows('best_times')
    .map((r) => [
      r.weekday,
      r.hour,
      round(r.hours_streamed),
      round(r.hours_watched),
      round(r.avg_viewers),
      round(r.followers_gained),
      round(r.follower_hours),
    ]);
const zone = (timeZone: string) =>
  event(
    'ChannelTimeZoneSet',
    { userId: 'u', broadcasterId: '1', timeZone, setAt: '2026-05-01T00:00:00Z' },
    '2026-05-01T00:00:00.000Z',
  );

// Monday 2026-06-01, 18:30–19:30 UTC: 60 viewers rising to 120. Berlin is UTC+2 in June: 20:30–21:30 local.
const stream = [
  sample('1', 's1', '2026-06-01T18:30:00Z', '2026-06-01T18:30:00.000Z', 60),
  sample('1', 's1', '2026-06-01T18:30:00Z', '2026-06-01T19:30:00.000Z', 120),
  offline('1', 's1', '2026-06-01T18:30:00Z', '2026-06-01T19:30:00.000Z', '2026-06-01T19:31:00.000Z'),
];

describe('best-times projection', () => {
  it('given a stream, then airtime and average viewers per weekday × hour, in UTC by default', () => {
    // 18:30–19:00 goes 60→90 (avg 75, 37.5 viewer-hours); 19:00–19:30 goes 90→120 (avg 105).
    expect(run(stream)).toEqual([
      [1, 18, 0.5, 37.5, 75, 0, 0],
      [1, 19, 0.5, 52.5, 105, 0, 0],
    ]);
  });

  it("given the channel's time zone, then the hours are local (Berlin, summer time)", () => {
    expect(run([zone('Europe/Berlin'), ...stream]).map((r) => r.slice(0, 2))).toEqual([
      [1, 20],
      [1, 21],
    ]);
  });

  it('given follower counts at most 3 hours apart, then the change is spread evenly over the hours between them', () => {
    // +30 between 10:20 and 12:20 UTC: 10 in the 10:00 hour (40 of 120 min), 15 in the 11:00 hour, 5 in the 12:00 hour (20 min).
    const rows = run([
      followers('1', 1000, '2026-06-01T10:20:00.000Z'),
      followers('1', 1030, '2026-06-01T12:20:00.000Z'),
    ]);
    expect(rows).toEqual([
      [1, 10, 0, 0, null, 10, round(2 / 3)],
      [1, 11, 0, 0, null, 15, 1],
      [1, 12, 0, 0, null, 5, round(1 / 3)],
    ]);
  });

  it('does not place a change between daily counts: it says nothing about the hour', () => {
    expect(
      run([followers('1', 1000, '2026-06-01T02:00:00.000Z'), followers('1', 1030, '2026-06-02T02:00:00.000Z')]),
    ).toEqual([]);
  });
});
