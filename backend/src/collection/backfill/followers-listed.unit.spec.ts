import { followersListedFact } from './followers-listed.js';

const context = {
  correlationId: 'backfill-job',
  source: 'backfill' as const,
  fetchedAt: new Date('2026-12-05T10:00:00Z'),
};
const follower = (id: string, at: string, name = `user${id}`) => ({
  user_id: id,
  user_login: name.toLowerCase(),
  user_name: name,
  followed_at: at,
});
const day = [
  follower('3', '2026-11-02T21:00:00Z'),
  follower('2', '2026-11-02T12:00:00Z'),
  follower('1', '2026-11-02T12:00:00Z'),
];

describe("a day's raw follower listing (FollowersListed)", () => {
  it('keeps the follower objects as Twitch returned them, grouped by the day', () => {
    const event = followersListedFact('42', '2026-11-02', day, 1234, context);
    expect(event.type).toBe('FollowersListed');
    expect(event.data).toEqual({ broadcasterId: '42', day: '2026-11-02', followers: day, totalAtFetch: 1234 });
  });

  it('the same followers give the same id: another run, another order, a page shift that listed one twice', () => {
    const first = followersListedFact('42', '2026-11-02', day, 1234, context);
    const laterRun = { ...context, correlationId: 'another-job', fetchedAt: new Date('2026-12-06T08:00:00Z') };
    const shifted = [day[0], day[1], day[1], day[2]].flatMap((f) => (f ? [f] : []));
    expect(followersListedFact('42', '2026-11-02', shifted, 1240, laterRun).id).toBe(first.id);
    expect(followersListedFact('42', '2026-11-02', [...day].reverse(), 1234, context).id).toBe(first.id);
    expect(
      (followersListedFact('42', '2026-11-02', shifted, 1240, laterRun).data as { followers: unknown[] }).followers,
    ).toEqual(day);
  });

  it('another day, another channel or other followers (an unfollow) give another id', () => {
    const first = followersListedFact('42', '2026-11-02', day, 1234, context).id;
    expect(followersListedFact('42', '2026-11-03', day, 1234, context).id).not.toBe(first);
    expect(followersListedFact('43', '2026-11-02', day, 1234, context).id).not.toBe(first);
    expect(followersListedFact('42', '2026-11-02', day.slice(1), 1234, context).id).not.toBe(first);
  });
});
