import type { CatalogueEvent } from './catalogue/event-catalogue.js';
import { channelAnalytics } from './channel-analytics.projection.js';
import type { Projection } from './projection.js';
import { event, project } from './testing/project-events.js';

const followers = (broadcasterId: string, total: number, fetchedAt: string) =>
  event('FollowerCountFetched', { broadcasterId, total, raw: { total } }, fetchedAt);

const run = (events: CatalogueEvent[]) => project(channelAnalytics as Projection, events);
const pick = (rows: ReturnType<typeof run>) =>
  rows.rows('channel_analytics').map((r) => [r.day, r.followers, r.followers_gained, r.carried_forward]);

describe('channel-analytics projection: followers', () => {
  it('given daily fetches, then one row per day with the gain against the day before', () => {
    const rows = run([followers('1', 100, '2026-01-01T02:00:00.000Z'), followers('1', 130, '2026-01-02T02:00:00.000Z')]);
    expect(pick(rows)).toEqual([
      ['2026-01-01', 100, null, false],
      ['2026-01-02', 130, 30, false],
    ]);
  });

  it('given two fetches on one day, then the later one is the day\'s value, whatever the order', () => {
    const later = followers('1', 150, '2026-01-02T20:00:00.000Z');
    const earlier = followers('1', 120, '2026-01-02T02:00:00.000Z');
    const base = followers('1', 100, '2026-01-01T02:00:00.000Z');
    expect(pick(run([base, earlier, later]))).toEqual(pick(run([base, later, earlier])));
    expect(pick(run([base, later, earlier]))[1]).toEqual(['2026-01-02', 150, 50, false]);
  });

  it('given a gap, then the missing days carry the last value forward and say so', () => {
    const rows = run([followers('1', 100, '2026-01-01T02:00:00.000Z'), followers('1', 112, '2026-01-04T02:00:00.000Z')]);
    expect(pick(rows)).toEqual([
      ['2026-01-01', 100, null, false],
      ['2026-01-02', 100, 0, true],
      ['2026-01-03', 100, 0, true],
      ['2026-01-04', 112, 12, false],
    ]);
  });

  it('given a late fetch for a carried day, then that day and the next day\'s gain are corrected', () => {
    const rows = run([
      followers('1', 100, '2026-01-01T02:00:00.000Z'),
      followers('1', 112, '2026-01-03T02:00:00.000Z'),
      followers('1', 105, '2026-01-02T02:00:00.000Z'),
    ]);
    expect(pick(rows)).toEqual([
      ['2026-01-01', 100, null, false],
      ['2026-01-02', 105, 5, false],
      ['2026-01-03', 112, 7, false],
    ]);
  });

  it('keeps channels apart', () => {
    const rows = run([followers('1', 100, '2026-01-01T02:00:00.000Z'), followers('2', 7, '2026-01-01T03:00:00.000Z')]);
    expect(rows.rows('channel_analytics').map((r) => [r.channel_id, r.followers])).toEqual([['1', 100], ['2', 7]]);
  });
});
