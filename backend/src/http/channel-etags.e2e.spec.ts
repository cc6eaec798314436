/**
 * Per-channel ETags over real HTTP on the whole system: an event for one channel moves the tags
 * of the queries that read that channel and leaves everyone else's alone (they keep getting 304);
 * an event that concerns no channel (a game's metadata) moves the tags of every query reading its
 * table; a new channel profile, a rebuild's switch, and connecting or disconnecting a channel move
 * the tags too, and so does a change of subscriber access (overview says why subscribers are unavailable).
 */
import { accountStream, channelStream, eventCatalogue, gameStream, type EventType } from '@creatorsync/projections';
import { randomUUID } from 'node:crypto';
import { startTestSystem, type TestSystem } from '../testing/start-test-system.js';
import { stopIfStarted } from '../testing/clean-up.js';
import { must } from '../must.js';

const ALICE = { user: 'alice', channel: '9400001' };
const BOB = { user: 'bob', channel: '9400002' };
const BOB_SECOND = '9400003';
/** Bob's answers, none reading alice's channel; charts and content also read games. */
const PATHS = [
  '/api/analytics/overview',
  '/api/analytics/charts?days=30',
  '/api/analytics/content',
  '/api/analytics/growth?period=week&periods=4',
  '/api/analytics/best-times',
];

describe('per-channel ETags', () => {
  let system: TestSystem;
  const tokens = new Map<string, string>();
  let at = Date.parse('2026-12-01T10:00:00.000Z');

  const event = (type: EventType, data: object) => {
    at += 60_000;
    return {
      id: randomUUID(),
      type,
      data,
      metadata: {
        correlationId: 'channel-etags',
        source: 'simulator',
        schemaVersion: eventCatalogue[type].version,
        fetchedAt: new Date(at).toISOString(),
      },
    };
  };
  const append = async (stream: string, events: ReturnType<typeof event>[]) => {
    await system.parts.eventStore.append(stream, events, { expectedRevision: 'any' });
    await system.projectionsCaughtUp();
    // The channel-access projections' version is reused for up to 50 ms (read-model-version.ts).
    await new Promise((resolve) => setTimeout(resolve, 60));
  };
  const link = (user: string, channel: string) =>
    append(accountStream(user), [
      event('TwitchAccountLinked', {
        userId: user,
        broadcasterId: channel,
        login: `c${channel}`,
        displayName: `C ${channel}`,
        scopes: [],
        linkedAt: new Date(at).toISOString(),
      }),
    ]);
  const followers = (channel: string, total: number) =>
    append(channelStream(channel), [event('FollowerCountFetched', { broadcasterId: channel, total, raw: { total } })]);
  const get = (user: string, path: string, etag?: string) =>
    system.get(path, must(tokens.get(user), 'tokens.get(user)'), etag ? { 'if-none-match': etag } : {});
  /** The current tag of each path, each answered 200. */
  const tags = async (user: string, paths: readonly string[]) => {
    const found = new Map<string, string>();
    for (const path of paths) {
      const response = await get(user, path);
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      found.set(path, must(response.headers.get('etag'), "response.headers.get('etag')"));
    }
    return found;
  };
  /** The status each path answers to its earlier tag. */
  const revalidate = async (user: string, earlier: ReadonlyMap<string, string>) => {
    const statuses: Record<string, number> = {};
    for (const [path, etag] of earlier) statuses[path] = (await get(user, path, etag)).status;
    return statuses;
  };
  const all = (paths: readonly string[], status: number) => Object.fromEntries(paths.map((p) => [p, status]));

  beforeAll(async () => {
    system = await startTestSystem(
      { DEMO_HISTORY_DAYS: '0', LIVE_POLL_MINUTES: '0', RATE_LIMIT_PER_MINUTE: '0' },
      { recordDemo: false },
    );
    for (const { user, channel } of [ALICE, BOB]) {
      tokens.set(user, await system.token(user));
      await link(user, channel);
      await followers(channel, 100);
    }
  });
  afterAll(() => stopIfStarted(system));

  it("moves only the tags of the channel's owner: an event for alice's channel leaves bob's answers 304", async () => {
    const bob = await tags(BOB.user, PATHS);
    const alice = await tags(ALICE.user, ['/api/analytics/overview']);
    await followers(ALICE.channel, 150);
    await append(channelStream(ALICE.channel), [
      event('LiveStreamSampled', {
        broadcasterId: ALICE.channel,
        stream: {
          id: 'alice-stream-1',
          user_id: ALICE.channel,
          viewer_count: 12,
          started_at: new Date(at - 600_000).toISOString(),
          game_id: '27471',
          game_name: 'Minecraft',
          title: 'Live',
        },
      }),
    ]);

    expect(await revalidate(ALICE.user, alice)).toEqual({ '/api/analytics/overview': 200 });
    expect(await revalidate(BOB.user, bob)).toEqual(all(PATHS, 304));
  });

  it("moves every reader's tag of a table that belongs to no channel (games), and only those", async () => {
    const bob = await tags(BOB.user, PATHS);
    await append(gameStream('509658'), [
      event('GameMetadataFetched', { gameId: '509658', game: { id: '509658', name: 'Just Chatting' } }),
    ]);
    const readsGames = new Set(['/api/analytics/charts?days=30', '/api/analytics/content']);
    expect(await revalidate(BOB.user, bob)).toEqual(
      Object.fromEntries(PATHS.map((p) => [p, readsGames.has(p) ? 200 : 304])),
    );
  });

  it("moves overview's tag when the channel's subscriber count becomes unavailable (a revoked token), and only overview's", async () => {
    const bob = await tags(BOB.user, PATHS);
    await append(channelStream(BOB.channel), [
      event('SubscriberCountUnavailable', { broadcasterId: BOB.channel, reason: 'token_revoked' }),
    ]);
    expect(await revalidate(BOB.user, bob)).toEqual(
      Object.fromEntries(PATHS.map((p) => [p, p === '/api/analytics/overview' ? 200 : 304])),
    );
    expect(await (await get(BOB.user, '/api/analytics/overview')).text()).toContain('revoked');
  });

  it("moves the tags when a channel's profile changes (its name is in every answer)", async () => {
    const bob = await tags(BOB.user, PATHS);
    await append(channelStream(BOB.channel), [
      event('ChannelProfileFetched', {
        broadcasterId: BOB.channel,
        user: { id: BOB.channel, login: 'bob_renamed', display_name: 'Bob Renamed' },
      }),
    ]);
    expect(await revalidate(BOB.user, bob)).toEqual(all(PATHS, 200));
    expect(await (await get(BOB.user, '/api/analytics/overview')).text()).toContain('Bob Renamed');
  });

  it('moves the tags when a rebuild switches readers to a new build', async () => {
    const projector = must(system.parts.projector, 'system.parts.projector');
    const bob = await tags(BOB.user, PATHS);
    // overview, charts and growth read channel-analytics; content and best-times do not.
    await projector.rebuild('channel-analytics');
    await new Promise((resolve) => setTimeout(resolve, 60));
    const readsIt = new Set([
      '/api/analytics/overview',
      '/api/analytics/charts?days=30',
      '/api/analytics/growth?period=week&periods=4',
    ]);
    expect(await revalidate(BOB.user, bob)).toEqual(
      Object.fromEntries(PATHS.map((p) => [p, readsIt.has(p) ? 200 : 304])),
    );

    // The projection that says who owns which channel: every answer reads it.
    const again = await tags(BOB.user, PATHS);
    await projector.rebuild('account-channels');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await revalidate(BOB.user, again)).toEqual(all(PATHS, 200));
  });

  it("moves the tags when a channel is connected or disconnected, and then follows the new channel's events", async () => {
    const selected = [`/api/analytics/overview?channel=${BOB.channel}`];
    const before = await tags(BOB.user, [...PATHS, ...selected]);
    await link(BOB.user, BOB_SECOND);
    expect(await revalidate(BOB.user, before)).toEqual(all([...PATHS, ...selected], 200));

    // The second channel's events move bob's tags that read it (all his channels, or it selected),
    // not the one for his first channel alone, nor alice's.
    const plain = ['/api/analytics/overview'];
    const second = [`/api/analytics/overview?channel=${BOB_SECOND}`];
    const linked = await tags(BOB.user, [...plain, ...selected, ...second]);
    const alice = await tags(ALICE.user, PATHS);
    await followers(BOB_SECOND, 7);
    expect(await revalidate(BOB.user, linked)).toEqual({
      ...all(plain, 200),
      ...all(selected, 304),
      ...all(second, 200),
    });
    expect(await revalidate(ALICE.user, alice)).toEqual(all(PATHS, 304));

    const linkedBefore = await tags(BOB.user, [...PATHS, ...selected]);
    await append(accountStream(BOB.user), [
      event('TwitchAccountUnlinked', {
        userId: BOB.user,
        broadcasterId: BOB_SECOND,
        unlinkedAt: new Date(at).toISOString(),
      }),
    ]);
    expect(await revalidate(BOB.user, linkedBefore)).toEqual(all([...PATHS, ...selected], 200));
  });
});
