import { FollowerDayWalk, type ListedFollower } from './follower-day-walk.js';
import { must } from '../../must.js';
import { objectContaining } from '../../testing/matchers.js';

/** A list newest first: one follower per given time. */
const listOf = (times: string[]): ListedFollower[] =>
  [...times]
    .sort()
    .reverse()
    .map((t, i) => ({ user_id: `u${i}`, followed_at: t }));

describe('followers per day from followed_at (lower bound)', () => {
  // 10 current followers: 2 on Mar 1, 3 on Mar 3, 1 on Mar 4, 4 on Mar 6.
  const times = [
    '2025-03-01T10:00:00Z',
    '2025-03-01T23:59:59Z',
    '2025-03-03T00:00:00Z',
    '2025-03-03T12:00:00Z',
    '2025-03-03T13:00:00Z',
    '2025-03-04T08:00:00Z',
    '2025-03-06T01:00:00Z',
    '2025-03-06T02:00:00Z',
    '2025-03-06T03:00:00Z',
    '2025-03-06T04:00:00Z',
  ];
  const list = listOf(times);

  it('counts, for each day of the range, the current followers who followed by its end', () => {
    const walk = FollowerDayWalk.start('2025-03-01', '2025-03-05', 10);
    const days = [...walk.addPage(list.slice(0, 4)).days, ...walk.addPage(list.slice(4)).days, ...walk.finish()];
    expect(days.map((d) => [d.day, d.followers, d.listed.length])).toEqual([
      ['2025-03-05', 6, 0],
      ['2025-03-04', 6, 1],
      ['2025-03-03', 5, 3],
      ['2025-03-02', 2, 0],
      ['2025-03-01', 2, 2],
    ]);
  });

  it('is a lower bound: the total counts people the list no longer has (total 12, 10 listed)', () => {
    const walk = FollowerDayWalk.start('2025-03-01', '2025-03-01', 12);
    walk.addPage(list);
    expect(walk.finish()).toEqual([objectContaining({ day: '2025-03-01', followers: 4 })]);
  });

  it('stops as soon as the item older than the range arrives, without reading the rest', () => {
    const walk = FollowerDayWalk.start('2025-03-04', '2025-03-06', 10);
    const outcome = walk.addPage(list);
    expect(walk.done).toBe(true);
    expect(outcome.days.map((d) => [d.day, d.followers])).toEqual([
      ['2025-03-06', 10],
      ['2025-03-05', 6],
      ['2025-03-04', 6],
    ]);
  });

  it('a walk resumed from a recorded point yields exactly what the uninterrupted walk yields', () => {
    const whole = FollowerDayWalk.start('2025-03-01', '2025-03-06', 10);
    const expected = [...whole.addPage(list.slice(0, 3)).days, ...whole.addPage(list.slice(3)).days, ...whole.finish()];
    const crashed = FollowerDayWalk.start('2025-03-01', '2025-03-06', 10);
    const first = crashed.addPage(list.slice(0, 3));
    const second = crashed.addPage(list.slice(3, 7));
    expect(second.resumeAt).not.toBeNull();
    // The days yielded up to resumeAt were recorded with it; the process died before the next page.
    const { skip, state } = must(second.resumeAt, 'second.resumeAt');
    const resumed = new FollowerDayWalk('2025-03-01', state);
    const rest = [...resumed.addPage(list.slice(3 + skip)).days, ...resumed.finish()];
    expect([...first.days, ...second.days, ...rest]).toEqual(expected);
  });

  it('days after the newest follower hold the whole total; days before the first follower hold 0', () => {
    const walk = FollowerDayWalk.start('2025-02-27', '2025-03-08', 10);
    const days = [...walk.addPage(list).days, ...walk.finish()];
    const byDay = Object.fromEntries(days.map((d) => [d.day, d.followers]));
    expect(byDay['2025-03-08']).toBe(10);
    expect(byDay['2025-03-07']).toBe(10);
    expect(byDay['2025-02-28']).toBe(0);
    expect(byDay['2025-02-27']).toBe(0);
    expect(days.map((d) => d.day)).toEqual([...days.map((d) => d.day)].sort().reverse());
  });
});
