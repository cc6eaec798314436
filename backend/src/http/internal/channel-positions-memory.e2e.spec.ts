/**
 * ETag positions from memory on the whole system: once the feed listens, a read of the channel
 * positions sends no query for them, and says exactly what the database says (the same text),
 * before and after the projector commits; with the LISTEN connection gone it reads the database
 * (never a stale memory), and it takes memory up again once the connection is back.
 */
import { accountStream, channelStream, eventCatalogue, type EventType } from '@creatorsync/projections';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { jest } from '@jest/globals';
import { ChannelPositions } from '../channel-positions.js';
import { projectionsReading } from '../reads-tables.decorator.js';
import { FEED_APPLICATION_NAME } from './channel-position-feed.js';
import { startTestSystem, type TestSystem } from '../../testing/start-test-system.js';
import { stopIfStarted } from '../../testing/clean-up.js';
import { waitFor } from '../../testing/wait-for.js';
import { must } from '../../must.js';

const USER = 'alice';
const CHANNEL = '9500001';
/** What overview reads besides the channel-access projections. */
const NAMES = projectionsReading(['channel_analytics', 'subscriber_access']);

describe('channel positions from memory', () => {
  let system: TestSystem;
  let positions: ChannelPositions;
  let at = Date.parse('2026-12-01T10:00:00.000Z');

  const event = (type: EventType, data: object) => {
    at += 60_000;
    return {
      id: randomUUID(),
      type,
      data,
      metadata: {
        correlationId: 'positions-memory',
        source: 'simulator',
        schemaVersion: eventCatalogue[type].version,
        fetchedAt: new Date(at).toISOString(),
      },
    };
  };
  const append = async (stream: string, events: ReturnType<typeof event>[]) => {
    await system.parts.eventStore.append(stream, events, { expectedRevision: 'any' });
    await system.projectionsCaughtUp();
  };
  const followers = (total: number) =>
    append(channelStream(CHANNEL), [event('FollowerCountFetched', { broadcasterId: CHANNEL, total, raw: { total } })]);

  /** The positions text and how many position queries reading it sent to the database. */
  const readCounting = async (channel?: string) => {
    const pool = system.parts.pool as pg.Pool & { query: (...args: unknown[]) => unknown };
    const spy = jest.spyOn(pool, 'query');
    try {
      const text = await positions.read(NAMES, USER, channel);
      const queries = spy.mock.calls.filter(([config]) => JSON.stringify(config).includes('channel_read_positions'));
      return { text, queries: queries.length };
    } finally {
      spy.mockRestore();
    }
  };
  const fresh = (channel?: string) => positions.read(NAMES, USER, channel, { fresh: true });
  /** Memory serves the read (no query) and agrees with the database. */
  const servedFromMemory = async (channel?: string) => {
    const { text, queries } = await readCounting(channel);
    return queries === 0 && text === (await fresh(channel));
  };

  beforeAll(async () => {
    system = await startTestSystem(
      { DEMO_HISTORY_DAYS: '0', LIVE_POLL_MINUTES: '0', RATE_LIMIT_PER_MINUTE: '0' },
      { recordDemo: false },
    );
    positions = system.app.get(ChannelPositions);
    await append(accountStream(USER), [
      event('TwitchAccountLinked', {
        userId: USER,
        broadcasterId: CHANNEL,
        login: `c${CHANNEL}`,
        displayName: `C ${CHANNEL}`,
        scopes: [],
        linkedAt: new Date(at).toISOString(),
      }),
    ]);
    await followers(100);
  });
  afterAll(() => stopIfStarted(system));

  it('serves reads from memory once listening, the same text as the database, following each commit', async () => {
    // The channel-access projections' version (the user's channel list) is reused for up to 50 ms.
    await waitFor(() => servedFromMemory(), 'positions served from memory');
    const before = await fresh();
    expect(before).toContain(`channel-analytics:`);
    expect(before).toContain(`:${CHANNEL}@`);

    await followers(150);
    const after = await fresh();
    expect(after).not.toBe(before);
    // The notice comes a moment after the commit: memory then agrees, without a query.
    await waitFor(async () => (await readCounting()).text === after, 'memory following the commit');
    expect(await readCounting()).toEqual({ text: after, queries: 0 });
    // One selected channel, and one the user does not have (only the rows of no channel).
    expect(await servedFromMemory(CHANNEL)).toBe(true);
    expect(await servedFromMemory('1')).toBe(true);
  });

  it('reads the database while the LISTEN connection is down, and memory again once it is back', async () => {
    await waitFor(() => servedFromMemory(), 'positions served from memory');
    await system.parts.pool.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`,
      [FEED_APPLICATION_NAME],
    );
    // Until the loss is noticed a read may still come from memory; then every read goes to the database.
    await waitFor(async () => (await readCounting()).queries > 0, 'reads going to the database');
    await followers(200);
    const { text } = await readCounting();
    expect(text).toBe(await fresh());
    await waitFor(() => servedFromMemory(), 'memory taken up again after the reconnection');
    expect((await readCounting()).text).toBe(await fresh());
  });

  it('a rebuild switching readers to a new build: memory follows the new build', async () => {
    const projector = must(system.parts.projector, 'system.parts.projector');
    const before = await fresh();
    await projector.rebuild('channel-analytics');
    const after = await fresh();
    expect(after).not.toBe(before);
    // The active builds are reused for up to 50 ms; the new build's positions came as notices.
    await waitFor(() => servedFromMemory(), 'memory serving the new build');
    expect(await readCounting()).toEqual({ text: after, queries: 0 });
  });
});
