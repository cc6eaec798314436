import { planDailyCollection } from './daily-collection-plan.js';

describe('planDailyCollection', () => {
  const window = { since: new Date(0), until: new Date(86_400_000) };
  const channels = Array.from({ length: 250 }, (_, i) => ({
    broadcasterId: String(i),
    userAuth: i % 2 === 0 ? { userId: String(i) } : undefined,
    liveSinceLastCollection: i % 5 === 0,
  }));

  test('batched endpoints cost one request per 100 channels; followers one per channel', () => {
    const plan = planDailyCollection(channels, window);
    expect(plan.minimumRequests).toMatchObject({
      '/users': 3,
      '/channels': 3,
      '/streams': 3,
      '/channels/followers': 250,
      '/subscriptions': 125,
    });
  });

  test('videos and clips only for channels live since the last collection, unless told otherwise', () => {
    expect(planDailyCollection(channels, window).minimumRequests).toMatchObject({ '/videos': 50, '/clips': 50 });
    expect(planDailyCollection(channels, { ...window, skipMediaWhenNotLive: false }).minimumRequests).toMatchObject({
      '/videos': 250,
      '/clips': 250,
    });
    expect(planDailyCollection([{ broadcasterId: 'x' }], window).mediaChannelIds).toEqual(['x']); // unknown counts as live
  });
});
