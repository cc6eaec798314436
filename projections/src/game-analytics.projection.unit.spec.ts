import type { CatalogueEvent } from './catalogue/event-catalogue.js';
import { gameAnalytics } from './game-analytics.projection.js';
import type { Projection } from './projection.js';
import { followers, GAME, offline, sample } from './testing/channel-events.js';
import { project } from './testing/project-events.js';

const round = (x: unknown) => (x === null ? null : Math.round((x as number) * 1000) / 1000);
const run = (events: CatalogueEvent[]) =>
  project(gameAnalytics as Projection, events)
    .rows('game_analytics')
    .map((r) => [
      r.game_name,
      r.streams,
      round(r.hours_streamed),
      round(r.hours_watched),
      round(r.avg_viewers),
      r.peak_viewers,
      r.followers_gained,
    ]);

describe('game-analytics projection', () => {
  // Stream 1: one hour of Minecraft at 100 viewers. Stream 2: 12:00 Minecraft at 50, 13:00 VALORANT at 150:
  // the switch is put at 12:30 (100 viewers): Minecraft 12:00–12:30 averages 75, VALORANT 12:30–13:00 averages 125.
  const events = [
    sample('1', 's1', '2026-06-01T10:00:00Z', '2026-06-01T10:00:00.000Z', 100, GAME.minecraft),
    sample('1', 's1', '2026-06-01T10:00:00Z', '2026-06-01T11:00:00.000Z', 100, GAME.minecraft),
    offline('1', 's1', '2026-06-01T10:00:00Z', '2026-06-01T11:00:00.000Z', '2026-06-01T11:01:00.000Z'),
    followers('1', 500, '2026-06-01T11:30:00.000Z'),
    sample('1', 's2', '2026-06-01T12:00:00Z', '2026-06-01T12:00:00.000Z', 50, GAME.minecraft),
    followers('1', 530, '2026-06-01T12:45:00.000Z'),
    sample('1', 's2', '2026-06-01T12:00:00Z', '2026-06-01T13:00:00.000Z', 150, GAME.valorant),
    offline('1', 's2', '2026-06-01T12:00:00Z', '2026-06-01T13:00:00.000Z', '2026-06-01T13:01:00.000Z'),
  ];

  it('given two streams, then per game: streams, hours, viewer-hours, average, peak and followers gained', () => {
    expect(run(events)).toEqual([
      // name, streams, hours, hours watched, avg viewers, peak, followers gained
      ['Minecraft', 2, 1.5, 137.5, round(137.5 / 1.5), 100, 0],
      ['VALORANT', 1, 0.5, 62.5, 125, 150, 30],
    ]);
  });

  it('keeps channels apart', () => {
    const other = sample('2', 'x', '2026-06-01T10:00:00Z', '2026-06-01T10:30:00.000Z', 10, GAME.valorant);
    const rows = project(gameAnalytics, [...events, other]).rows('game_analytics');
    expect(rows.filter((r) => r.channel_id === '2').map((r) => [r.game_id, r.hours_streamed])).toEqual([
      ['516575', 0.5],
    ]);
  });
});
