import type { CatalogueEvent } from './catalogue/event-catalogue.js';

import { streamSessions } from './stream-sessions.projection.js';
import { followers, GAME, offline, sample } from './testing/channel-events.js';
import { project } from './testing/project-events.js';
import { must } from './must.js';

const START = '2026-06-01T20:00:00Z';
const run = (events: CatalogueEvent[]) => project(streamSessions, events).rows('stream_sessions');
const round = (x: unknown) => Math.round((x as number) * 1000) / 1000;

describe('stream-sessions projection', () => {
  // Started 20:00; samples 20:10 (100), 20:30 (200), 20:50 (100, now VALORANT and a new title); offline after 20:50.
  // Viewer-minutes: 20:00–20:10 flat 100 = 1000; 20:10–20:30 100→200 = 3000; 20:30–20:40 200→150 = 1750 (Minecraft);
  // 20:40–20:50 150→100 = 1250 (VALORANT, the change is put half-way). 7000 viewer-minutes over 50 minutes: 140 on average.
  const stream = [
    followers('1', 1000, '2026-06-01T19:00:00.000Z'),
    sample('1', 's1', START, '2026-06-01T20:10:00.000Z', 100, GAME.minecraft, 'Chill'),
    sample('1', 's1', START, '2026-06-01T20:30:00.000Z', 200, GAME.minecraft, 'Chill'),
    followers('1', 1012, '2026-06-01T20:35:00.000Z'),
    sample('1', 's1', START, '2026-06-01T20:50:00.000Z', 100, GAME.valorant, 'Ranked'),
    offline('1', 's1', START, '2026-06-01T20:50:00.000Z', '2026-06-01T20:51:00.000Z'),
  ];

  it('given samples and the end, then duration, time-weighted average, hours watched, peak, titles and time per game', () => {
    const [session] = run(stream);
    expect({
      started: must(session, 'session').started_at,
      ended: must(session, 'session').ended_at,
      duration: round(must(session, 'session').duration_hours),
      avg: round(must(session, 'session').avg_viewers),
      watched: round(must(session, 'session').hours_watched),
      peak: must(session, 'session').peak_viewers,
      samples: must(session, 'session').samples,
      titles: must(session, 'session').titles,
    }).toEqual({
      started: '2026-06-01T20:00:00.000Z',
      ended: '2026-06-01T20:50:00.000Z',
      duration: round(50 / 60),
      avg: 140,
      watched: round(7000 / 60),
      peak: 200,
      samples: 3,
      titles: ['Chill', 'Ranked'],
    });
    expect(
      (must(session, 'session').games as Array<Record<string, unknown>>).map((g) => [
        g.game_id,
        g.game_name,
        round(g.hours),
        round(g.hours_watched),
      ]),
    ).toEqual([
      ['27471', 'Minecraft', round(40 / 60), round(5750 / 60)],
      ['516575', 'VALORANT', round(10 / 60), round(1250 / 60)],
    ]);
  });

  it('given follower counts before and during the stream, then the followers gained during it', () => {
    const [session] = run(stream);
    expect([must(session, 'session').followers_at_start, must(session, 'session').followers_gained]).toEqual([
      1000, 12,
    ]);
    const [unmeasured] = run(stream.filter((e) => !(e.type === 'FollowerCountFetched' && e.data.total === 1012)));
    expect([
      must(unmeasured, 'unmeasured').followers_at_start,
      must(unmeasured, 'unmeasured').followers_gained,
    ]).toEqual([1000, null]);
  });

  it('while live, the stream has no end and lasts up to its last sample', () => {
    const [session] = run(stream.slice(0, 3));
    expect([
      must(session, 'session').ended_at,
      round(must(session, 'session').duration_hours),
      round(must(session, 'session').avg_viewers),
    ]).toEqual([null, 0.5, round(4000 / 30)]);
  });

  it('a repeated sample changes nothing, and each stream has its own row', () => {
    const repeated = [...stream.slice(0, 3), sample('1', 's1', START, '2026-06-01T20:30:00.000Z', 999)];
    expect(run(repeated)).toEqual(run(stream.slice(0, 3)));
    const rows = run([...stream, sample('1', 's2', '2026-06-02T20:00:00Z', '2026-06-02T20:05:00.000Z', 40)]);
    expect(rows.map((r) => [r.stream_id, r.samples])).toEqual([
      ['s1', 3],
      ['s2', 1],
    ]);
  });
});
