import { helixOpenApi, parameterProblems, responseValidator } from '../testing/helix-openapi.js';
import { startSimHarness, type SimHarness } from '../testing/sim-harness.js';
import { HELIX_ROUTES } from './helix-routes.js';
import { must } from '../../must.js';

const DAY_MS = 86_400_000;

describe('the simulator answers in Helix shapes; the client asks in Helix terms', () => {
  let h: SimHarness;
  let appToken: string;
  let userToken: string;
  let demo: { id: string; login: string };

  beforeAll(async () => {
    h = await startSimHarness({ channelCount: 40 });
    demo = must(h.sim.world.channels[0], 'h.sim.world.channels[0]');
    await h.connectUser(demo.id, ['channel:read:subscriptions', 'moderator:read:followers', 'user:read:email']);
    userToken = must(await h.store.load(demo.id), 'await h.store.load(demo.id)').accessToken;
    const app = await fetch(`${h.sim.authBaseUrl}/token`, {
      method: 'POST',
      body: new URLSearchParams({
        client_id: h.sim.clientId,
        client_secret: h.sim.clientSecret,
        grant_type: 'client_credentials',
      }),
    });
    appToken = ((await app.json()) as { access_token: string }).access_token;
  });
  afterAll(() => h.close());

  const get = async (pathAndQuery: string, token = appToken) => {
    const response = await fetch(`${h.sim.helixBaseUrl}${pathAndQuery}`, {
      headers: { Authorization: `Bearer ${token}`, 'Client-Id': h.sim.clientId },
    });
    return { status: response.status, body: (await response.json()) as { data: unknown[] } };
  };

  const iso = (ms: number) => new Date(ms).toISOString();
  const big = () => must(h.sim.world.channels[2], 'h.sim.world.channels[2]');
  const user = () => userToken;
  const app = () => appToken;
  // [path, request, token, whether the list may legitimately be empty]
  const cases: Array<[string, () => string, () => string, boolean]> = [
    ['/users', () => `/users?id=${demo.id}&login=${big().login}`, app, false],
    ['/users', () => '/users', user, false], // own profile, with email
    ['/channels', () => `/channels?broadcaster_id=${demo.id}&broadcaster_id=${big().id}`, app, false],
    ['/channels/followers', () => `/channels/followers?broadcaster_id=${big().id}&first=1`, app, true], // total only
    ['/channels/followers', () => `/channels/followers?broadcaster_id=${demo.id}&first=100`, user, false],
    ['/subscriptions', () => `/subscriptions?broadcaster_id=${demo.id}&first=100`, user, false],
    ['/streams', () => '/streams?first=100', app, false],
    ['/streams', () => `/streams?${h.sim.world.channels.map((c) => `user_id=${c.id}`).join('&')}`, app, false],
    ['/videos', () => `/videos?user_id=${big().id}&first=100`, app, false],
    ['/videos', () => `/videos?user_id=${big().id}&type=highlight&sort=views&period=month`, app, false],
    ['/videos', () => `/videos?game_id=509658&first=50`, app, false],
    [
      '/clips',
      () =>
        `/clips?broadcaster_id=${big().id}&started_at=${iso(h.clock.nowMs() - 7 * DAY_MS)}&ended_at=${iso(h.clock.nowMs())}&first=100`,
      app,
      false,
    ],
    ['/clips', () => `/clips?game_id=509658&started_at=${iso(h.clock.nowMs() - 2 * DAY_MS)}&first=100`, app, false],
    ['/games', () => '/games?id=509658&id=33214&name=Chess', app, false],
  ];

  test('every Helix route the simulator serves has a case here', () => {
    expect(new Set(cases.map(([path]) => path))).toEqual(new Set(Object.keys(HELIX_ROUTES)));
  });

  test.each(cases)('%s validates against the Helix 200 schema', async (path, query, token, mayBeEmpty) => {
    const { status, body } = await get(query(), token());
    expect(status).toBe(200);
    if (!mayBeEmpty) expect(body.data.length).toBeGreaterThan(0); // an empty list would validate trivially
    const validate = responseValidator(path);
    const valid = validate(body);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  test("the client's requests use only parameters the reference allows, within its limits", async () => {
    h.sim.requests.length = 0;
    const ids = h.sim.world.channels.map((c) => c.id);
    const many = [...ids, ...Array.from({ length: 130 }, (_, i) => `9${i}`)];
    await h.client.getUsers({ ids: many, logins: ['paloma_plays', 'northwind_gg'] });
    await h.client.getChannels(many);
    await h.client.getFollowerTotal(big().id);
    await h.client.getFollowers(demo.id, { userId: demo.id }, { max: 250 });
    await h.client.getSubscriptionSummary(demo.id, { userId: demo.id });
    await h.client.getStreams({ userIds: many, userLogins: ['lumen_arcade'] });
    const videos = await h.client.getVideos(big().id, {
      type: 'archive',
      since: new Date(h.clock.nowMs() - 30 * DAY_MS),
    });
    await h.client.getVideosByIds(videos.map((v) => v.id));
    await h.client.getClips(big().id, { startedAt: new Date(h.clock.nowMs() - 3 * DAY_MS), endedAt: h.clock.now() });
    await h.client.getGames(['509658', '33214']);

    const helixRequests = h.sim.requests.filter((r) => !r.endpoint.startsWith('/oauth2/'));
    expect(new Set(helixRequests.map((r) => r.endpoint))).toEqual(new Set(Object.keys(HELIX_ROUTES)));
    for (const request of helixRequests) {
      expect(helixOpenApi.paths[request.endpoint]).toBeDefined();
      expect(parameterProblems(request.endpoint, request.query)).toEqual([]);
    }
    expect(helixRequests.every((r) => r.status === 200)).toBe(true);
  });

  test('unknown ids and games are 404s as on Twitch; clips by id come back in the order asked', async () => {
    expect((await get('/videos?id=1&id=2')).status).toBe(404);
    expect((await get('/videos?game_id=999999999')).status).toBe(404);
    expect((await get('/clips?game_id=999999999')).status).toBe(404);
    const clips = await h.client.getClips(big().id, {
      startedAt: new Date(h.clock.nowMs() - 7 * DAY_MS),
      endedAt: h.clock.now(),
    });
    const ids = clips.slice(0, 5).map((c) => c.id);
    expect(ids.length).toBeGreaterThan(2);
    const reversed = [...ids].reverse();
    const { status, body } = await get(`/clips?${reversed.map((id) => `id=${id}`).join('&')}`);
    expect(status).toBe(200);
    expect((body.data as Array<{ id: string }>).map((c) => c.id)).toEqual(reversed);
    // The client reads a 404 for ids that are all gone as "none of them exists".
    await expect(h.client.getVideosByIds(['1', '2'])).resolves.toEqual([]);
  });

  test('the parameter checker itself catches violations', () => {
    expect(
      parameterProblems(
        '/users',
        Array.from({ length: 101 }, (_, i) => ['id', String(i)] as [string, string]),
      ),
    ).not.toEqual([]);
    expect(parameterProblems('/streams', [['user_ids', '1']])).toEqual(['/streams: unknown parameter user_ids']);
    expect(
      parameterProblems('/channels/followers', [
        ['broadcaster_id', '1'],
        ['first', '500'],
      ]),
    ).toEqual(['/channels/followers: first=500 out of 1..100']);
    expect(
      parameterProblems('/clips', [
        ['broadcaster_id', '1'],
        ['started_at', 'yesterday'],
      ]),
    ).toHaveLength(1);
    expect(parameterProblems('/channels', [])).toEqual(['/channels: missing required broadcaster_id']);
  });
});
