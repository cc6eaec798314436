/**
 * Blue/green through the real HTTP API: while a rebuild replays the log into new tables (committing
 * part by part, so they are half-built most of the time) and then switches readers to them, a
 * streamer's dashboard requests keep being answered — each answer complete, never from an empty or
 * half-built table — and after the switch they come from the new build.
 */
import { accountStream, allProjections, channelStream, eventCatalogue, type EventType } from '@creatorsync/projections';
import { randomUUID } from 'node:crypto';
import { dayOffset } from '../analytics/testing/analytics-fixture.js';
import { startTestSystem, type TestSystem } from '../testing/start-test-system.js';
import { buildsWhere } from '../testing/builds-where.js';
import { Projector } from './projector.js';
import { must } from '../must.js';
import { stopIfStarted } from '../testing/clean-up.js';

const USER = 'dana';
const CHANNELS = ['9300001', '9300002', '9300003'];
const DAYS = 120;
const PATHS = [
  '/api/analytics/overview',
  '/api/analytics/charts?days=90',
  '/api/analytics/growth?period=week&periods=12',
];

describe('a rebuild while the API serves', () => {
  let system: TestSystem;
  let token: string;

  const event = (type: EventType, data: object, fetchedAt: string) => ({
    id: randomUUID(),
    type,
    data,
    metadata: {
      correlationId: 'blue-green',
      source: 'simulator',
      schemaVersion: eventCatalogue[type].version,
      fetchedAt,
    },
  });
  const answer = async (path: string) => {
    const response = await system.get(path, token);
    return { path, status: response.status, body: await response.text() };
  };

  beforeAll(async () => {
    // The dashboards here ask far more often than a person would: no rate limit.
    system = await startTestSystem({ DEMO_HISTORY_DAYS: '0', RATE_LIMIT_PER_MINUTE: '0' });
    const today = system.parts.clock.now().toISOString().slice(0, 10);
    const store = system.parts.eventStore;
    for (const [i, id] of CHANNELS.entries()) {
      const linkedAt = `${dayOffset(today, -DAYS - 1)}T09:00:00.000Z`;
      await store.append(
        accountStream(USER),
        [
          event(
            'TwitchAccountLinked',
            { userId: USER, broadcasterId: id, login: `dana${i}`, displayName: `Dana ${i}`, scopes: [], linkedAt },
            linkedAt,
          ),
        ],
        { expectedRevision: 'any' },
      );
      const history = [];
      for (let back = DAYS; back >= 1; back--) {
        if (back % 9 === 4) continue; // missed days are carried forward
        const total = 1000 * (i + 1) + (DAYS - back) * (3 + i);
        history.push(
          event(
            'FollowerCountFetched',
            { broadcasterId: id, total, raw: { total } },
            `${dayOffset(today, -back)}T02:00:00.000Z`,
          ),
        );
      }
      await store.append(channelStream(id), history, { expectedRevision: 'any' });
    }
    await system.projectionsCaughtUp();
    token = await system.token(USER);
  });
  afterAll(() => stopIfStarted(system));

  it('answers every request completely during the rebuild and the switch, then from the new build', async () => {
    const expected = new Map<string, string>();
    for (const path of PATHS) {
      const { status, body } = await answer(path);
      expect(status).toBe(200);
      expected.set(path, body);
    }
    // The answers say something: the follower history is there before the rebuild starts.
    expect(JSON.parse(must(expected.get(must(PATHS[1], 'PATHS[1]')), 'expected.get(PATHS[1])'))).not.toEqual({});
    const [old] = await buildsWhere(system.db.pool, `name = 'channel-analytics' AND active`);

    // Dashboards keep asking, several at a time, for as long as the rebuild runs.
    let rebuilding = true;
    const answers: Array<{ path: string; status: number; body: string; buildsBefore: number }> = [];
    const newBuildLive = async () =>
      must(
        (await buildsWhere(system.db.pool, `name = 'channel-analytics' AND active`))[0],
        "(await buildsWhere(system.db.pool, `name = 'channel-analytics' AND act…",
      ).buildId !== must(old, 'old').buildId;
    const hammer = async (offset: number) => {
      for (let i = offset; rebuilding; i++) {
        const switchedBefore = await newBuildLive();
        answers.push({
          ...(await answer(must(PATHS[i % PATHS.length], 'PATHS[i % PATHS.length]'))),
          buildsBefore: switchedBefore ? 1 : 0,
        });
      }
    };
    const dashboards = [0, 1, 2].map(hammer);
    // A rebuild as the CLI runs it, beside the server: small pages and frequent commits, so the new
    // tables are half-built for most of it.
    const cli = new Projector({
      pool: system.db.pool,
      eventStore: system.parts.eventStore,
      projections: allProjections,
      logger: system.parts.logger,
      batchSize: 10,
      catchUpCommitEvery: { events: 20, ms: 0 },
    });
    let halfBuilt = 0;
    const rebuilt = await cli.rebuild('channel-analytics', () => void (halfBuilt += 1));
    // A few more rounds after the switch.
    const after = answers.length;
    while (answers.length < after + 9) await new Promise((resolve) => setTimeout(resolve, 10));
    rebuilding = false;
    await Promise.all(dashboards);
    await cli.stop();

    expect(rebuilt.buildId).not.toBe(must(old, 'old').buildId);
    expect(halfBuilt).toBeGreaterThan(10); // many commits: the new tables were half-built for a while
    expect(answers.filter((a) => a.buildsBefore === 0).length).toBeGreaterThan(0); // asked while the old build served
    expect(answers.filter((a) => a.buildsBefore === 1).length).toBeGreaterThan(0); // and after the switch
    for (const a of answers) {
      expect({ path: a.path, status: a.status }).toEqual({ path: a.path, status: 200 });
      expect(a.body).toBe(expected.get(a.path));
    }
    const builds = await buildsWhere(system.db.pool, `name = 'channel-analytics'`);
    expect(builds.find((b) => b.buildId === must(old, 'old').buildId)).toMatchObject({
      active: false,
      state: 'retired',
    });
    expect(builds.find((b) => b.buildId === rebuilt.buildId)).toMatchObject({ active: true, state: 'live' });
  });
});
