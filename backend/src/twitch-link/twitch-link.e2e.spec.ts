/**
 * The Twitch account link over real HTTP: the whole system, the simulator as Twitch's OAuth server
 * (its /oauth2/authorize followed the way a browser follows redirects), real Postgres and the real
 * event store.
 */
import { accountStream, channelStream } from '@creatorsync/projections';
import { randomBytes } from 'node:crypto';
import type { RecordedEvent } from '../event-store/event-store.port.js';
import { startTestSystem, type TestSystem } from '../testing/start-test-system.js';
import { TokenRevokedError } from '../twitch/errors.js';
import type { RunningHelixSimulator } from '../twitch/simulator/start-helix-simulator.js';
import { linkStateKey, signLinkState } from './link-state.js';
import { loadOrCreateTokenEncryptionKey } from './token-encryption-key.js';

describe('Twitch account link (e2e)', () => {
  let system: TestSystem;
  let sim: RunningHelixSimulator;
  let aliceChannel: string;
  let bobChannel: string;
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    system = await startTestSystem({ DEMO_HISTORY_DAYS: '1' });
    await system.demoReady;
    sim = system.simulator!;
    aliceChannel = sim.world.channels[1]!.id;
    bobChannel = sim.world.channels[2]!.id;
    alice = await system.token('alice');
    bob = await system.token('bob');
  });
  afterAll(() => system?.stop());

  const api = (method: string, pathAndQuery: string, token: string | undefined, body?: unknown) =>
    fetch(`${system.url}${pathAndQuery}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  async function authorizeUrl(token: string): Promise<URL> {
    const response = await api('GET', '/api/twitch/connect', token);
    expect(response.status).toBe(200);
    return new URL(((await response.json()) as { authorizeUrl: string }).authorizeUrl);
  }

  /** Where the browser ends up after following every redirect from Twitch's authorize page. */
  async function browse(url: URL | string): Promise<URL> {
    const response = await fetch(url, { redirect: 'follow' });
    return new URL(response.url);
  }

  async function linkAs(token: string, channelId: string): Promise<URL> {
    const url = await authorizeUrl(token);
    sim.authorizeAs(channelId);
    return browse(url);
  }

  async function accountEvents(userId: string): Promise<RecordedEvent[]> {
    return system.parts.eventStore.readStream(accountStream(userId)).catch(() => []);
  }

  const latestAccessToken = (channelId: string) => sim.tokens.tokensOf(channelId).at(-1)!;
  const stateOf = (url: URL) => url.searchParams.get('state')!;
  const callback = (query: Record<string, string>) =>
    browse(`${system.url}/api/twitch/callback?${new URLSearchParams(query)}`);

  it("connect answers with Twitch's authorize URL (or redirects to it), and needs a session", async () => {
    const url = await authorizeUrl(alice);
    expect(`${url.origin}${url.pathname}`).toBe(`${sim.authBaseUrl}/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: sim.clientId,
      redirect_uri: `${system.url}/api/twitch/callback`,
      scope: 'channel:read:subscriptions moderator:read:followers',
      state: expect.stringMatching(/^s1\./),
    });
    const redirect = await fetch(`${system.url}/api/twitch/connect?redirect=1`, {
      headers: { authorization: `Bearer ${alice}` },
      redirect: 'manual',
    });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toMatch(new RegExp(`^${sim.authBaseUrl}/authorize\\?`));
    expect((await api('GET', '/api/twitch/connect', undefined)).status).toBe(401);
  });

  it('links the channel: the event names the account and never a token; the tokens are stored encrypted', async () => {
    const landed = await linkAs(alice, aliceChannel);
    const channel = sim.world.channelById.get(aliceChannel)!;
    expect(landed.pathname).toBe('/');
    expect(Object.fromEntries(landed.searchParams)).toEqual({ twitch: 'connected', channel: channel.login });

    const events = await accountEvents('alice');
    expect(events.map((e) => e.type)).toEqual(['TwitchAccountLinked']);
    expect(events[0]!.data).toEqual({
      userId: 'alice',
      broadcasterId: aliceChannel,
      login: channel.login,
      displayName: channel.displayName,
      scopes: ['channel:read:subscriptions', 'moderator:read:followers'],
      linkedAt: expect.any(String),
    });
    const issued = latestAccessToken(aliceChannel);
    const recorded = JSON.stringify(events, (_key, value: unknown) =>
      typeof value === 'bigint' ? value.toString() : value,
    );
    expect(recorded).not.toContain(issued.accessToken);
    expect(recorded).not.toContain(issued.refreshToken);

    const { rows } = await system.db.pool.query(`SELECT * FROM twitch_tokens WHERE broadcaster_id = $1`, [
      aliceChannel,
    ]);
    expect(rows).toHaveLength(1);
    const row = Object.values(rows[0])
      .map((v) =>
        Buffer.isBuffer(v) ? `${v.toString('utf8')}|${v.toString('hex')}|${v.toString('base64')}` : String(v),
      )
      .join('|');
    expect(row).not.toContain(issued.accessToken);
    expect(row).not.toContain(issued.refreshToken);
    const stored = await system.parts.twitchLink.tokenStore.load(aliceChannel);
    expect(stored).toMatchObject({ accessToken: issued.accessToken, refreshToken: issued.refreshToken });

    const connections = await (await api('GET', '/api/twitch/connections', alice)).json();
    expect(connections).toEqual({
      connections: [
        expect.objectContaining({
          broadcasterId: aliceChannel,
          login: channel.login,
          authorisation: 'ok',
          needsReauth: false,
          timeZone: null,
        }),
      ],
    });

    await system.projectionsCaughtUp();
    const linked = await system.db.pool.query(`SELECT channel_id FROM account_channels WHERE user_id = 'alice'`);
    expect(linked.rows).toEqual([{ channel_id: aliceChannel }]);
  });

  it('the Helix client calls with the stored user token, and stores a refreshed pair encrypted when it expired', async () => {
    const summary = await system.parts.helix.getSubscriptionSummary(aliceChannel, { userId: aliceChannel });
    expect(summary.total).toBeGreaterThanOrEqual(0);
    expect(sim.requests.filter((r) => r.endpoint === '/subscriptions' && r.status === 200).at(-1)?.bucket).toMatch(
      new RegExp(`^user:(.+:)?${aliceChannel}$`),
    );

    const before = latestAccessToken(aliceChannel);
    sim.tokens.expire(before.accessToken, sim.clock.now().getTime());
    await system.parts.helix.getSubscriptionSummary(aliceChannel, { userId: aliceChannel });
    const after = latestAccessToken(aliceChannel);
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(await system.parts.twitchLink.tokenStore.load(aliceChannel)).toMatchObject({
      accessToken: after.accessToken,
      refreshToken: after.refreshToken,
    });
  });

  it('a callback URL works once: replaying it links nothing', async () => {
    const url = await authorizeUrl(alice);
    sim.authorizeAs(aliceChannel);
    const toCallback = (await fetch(url, { redirect: 'manual' })).headers.get('location')!;
    expect((await browse(toCallback)).searchParams.get('twitch')).toBe('connected');
    const count = (await accountEvents('alice')).length;
    expect(Object.fromEntries((await browse(toCallback)).searchParams)).toEqual({
      twitch: 'error',
      reason: 'state_used',
    });
    expect(await accountEvents('alice')).toHaveLength(count);
  });

  it('refuses forged, tampered, missing and expired states, recording nothing', async () => {
    const before = (await accountEvents('alice')).length;
    const code = 'whatever';
    const realState = stateOf(await authorizeUrl(alice));
    const [version, payload, signature] = realState.split('.');
    const asBob = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), u: 'bob' }),
    ).toString('base64url');
    const forged = signLinkState(linkStateKey(randomBytes(32)), {
      userId: 'alice',
      nonce: 'n1',
      expiresAtMs: Date.now() + 60_000,
    });
    const realKey = linkStateKey(await loadOrCreateTokenEncryptionKey(system.dataDir));
    const expired = signLinkState(realKey, { userId: 'alice', nonce: 'n2', expiresAtMs: Date.now() - 1 });

    for (const [query, reason] of [
      [{ code, state: forged }, 'invalid_state'],
      [{ code, state: `${version}.${asBob}.${signature}` }, 'invalid_state'],
      [{ code }, 'invalid_state'],
      [{ code, state: 'nonsense' }, 'invalid_state'],
      [{ code, state: expired }, 'expired_state'],
    ] as const) {
      expect(Object.fromEntries((await callback(query)).searchParams)).toEqual({ twitch: 'error', reason });
    }
    expect(await accountEvents('alice')).toHaveLength(before);
    expect(await accountEvents('bob')).toHaveLength(0);
  });

  it('a denied authorisation and a failed code exchange come back as errors, recording nothing', async () => {
    const before = (await accountEvents('alice')).length;
    const url = await authorizeUrl(alice);
    sim.authorizeAs(undefined);
    try {
      expect(Object.fromEntries((await browse(url)).searchParams)).toEqual({
        twitch: 'error',
        reason: 'access_denied',
      });
    } finally {
      sim.authorizeAs(aliceChannel);
    }
    const state = stateOf(await authorizeUrl(alice));
    expect(Object.fromEntries((await callback({ code: 'not-a-code-twitch-issued', state })).searchParams)).toEqual({
      twitch: 'error',
      reason: 'exchange_failed',
    });
    expect(await accountEvents('alice')).toHaveLength(before);
  });

  it("sets a linked channel's time zone (canonical IANA name), refusing anything else with a 400", async () => {
    const set = await api('PUT', `/api/twitch/connections/${aliceChannel}/time-zone`, alice, {
      timeZone: 'europe/berlin',
    });
    expect(set.status).toBe(200);
    expect(await set.json()).toEqual({ broadcasterId: aliceChannel, timeZone: 'Europe/Berlin' });
    const events = await accountEvents('alice');
    expect(events.at(-1)).toMatchObject({
      type: 'ChannelTimeZoneSet',
      data: { userId: 'alice', broadcasterId: aliceChannel, timeZone: 'Europe/Berlin' },
    });
    const again = await api('PUT', `/api/twitch/connections/${aliceChannel}/time-zone`, alice, {
      timeZone: 'Europe/Berlin',
    });
    expect(again.status).toBe(200);
    expect(await accountEvents('alice')).toHaveLength(events.length);
    const { connections } = await (await api('GET', '/api/twitch/connections', alice)).json();
    expect(connections[0]).toMatchObject({ broadcasterId: aliceChannel, timeZone: 'Europe/Berlin' });

    for (const body of [
      { timeZone: 'Mars/Olympus' },
      { timeZone: 'CEST' },
      { timeZone: '+02:00' },
      { timeZone: 7 },
      {},
      { timeZone: 'UTC', extra: 1 },
    ]) {
      const response = await api('PUT', `/api/twitch/connections/${aliceChannel}/time-zone`, alice, body);
      expect(response.status).toBe(400);
      expect((await response.json()).detail).toMatch(/timeZone|extra/);
    }
    expect((await api('PUT', `/api/twitch/connections/bad%20id/time-zone`, alice, { timeZone: 'UTC' })).status).toBe(
      400,
    );
    expect(
      (await api('PUT', `/api/twitch/connections/${aliceChannel}/time-zone`, undefined, { timeZone: 'UTC' })).status,
    ).toBe(401);
    expect(await accountEvents('alice')).toHaveLength(events.length);
  });

  it("one user cannot disconnect or set the time zone of another user's channel", async () => {
    expect((await linkAs(bob, bobChannel)).searchParams.get('twitch')).toBe('connected');
    const bobEvents = (await accountEvents('bob')).length;
    const disconnect = await api('DELETE', `/api/twitch/connections/${bobChannel}`, alice);
    expect(disconnect.status).toBe(404);
    expect((await disconnect.json()).detail).toMatch(/not found among your connected Twitch accounts/);
    expect(
      (await api('PUT', `/api/twitch/connections/${bobChannel}/time-zone`, alice, { timeZone: 'UTC' })).status,
    ).toBe(404);
    expect(await accountEvents('bob')).toHaveLength(bobEvents);
    expect(await system.parts.twitchLink.tokenStore.load(bobChannel)).toBeDefined();
    const { connections } = await (await api('GET', '/api/twitch/connections', alice)).json();
    expect(connections.map((c: { broadcasterId: string }) => c.broadcasterId)).toEqual([aliceChannel]);
  });

  it('disconnect revokes the token at Twitch, deletes it here, and records the unlink', async () => {
    const issued = latestAccessToken(bobChannel);
    const response = await api('DELETE', `/api/twitch/connections/${bobChannel}`, bob);
    expect(response.status).toBe(204);
    expect(sim.tokens.lookup(issued.accessToken, sim.clock.now().getTime())).toEqual({ ok: false, problem: 'revoked' });
    expect(
      (await system.db.pool.query(`SELECT 1 FROM twitch_tokens WHERE broadcaster_id = $1`, [bobChannel])).rowCount,
    ).toBe(0);
    expect((await accountEvents('bob')).at(-1)).toMatchObject({
      type: 'TwitchAccountUnlinked',
      data: { userId: 'bob', broadcasterId: bobChannel },
    });
    expect(await (await api('GET', '/api/twitch/connections', bob)).json()).toEqual({ connections: [] });
    expect((await api('DELETE', `/api/twitch/connections/${bobChannel}`, bob)).status).toBe(404);
    // This process stops using the grant at once: no cached copy outlives the disconnect.
    await expect(system.parts.helix.getSubscriptionSummary(bobChannel, { userId: bobChannel })).rejects.toThrow();
    await system.projectionsCaughtUp();
    expect((await system.db.pool.query(`SELECT 1 FROM account_channels WHERE user_id = 'bob'`)).rowCount).toBe(0);
  });

  it('a grant revoked at Twitch shows as needing re-authorisation until the user connects again', async () => {
    sim.tokens.revokeUser(aliceChannel);
    await expect(system.parts.helix.getSubscriptionSummary(aliceChannel, { userId: aliceChannel })).rejects.toThrow(
      TokenRevokedError,
    );
    const { connections } = await (await api('GET', '/api/twitch/connections', alice)).json();
    expect(connections[0]).toMatchObject({
      broadcasterId: aliceChannel,
      authorisation: 'needs_reauth',
      needsReauth: true,
      reauthReason: expect.stringContaining('refresh refused'),
    });

    expect((await linkAs(alice, aliceChannel)).searchParams.get('twitch')).toBe('connected');
    const after = await (await api('GET', '/api/twitch/connections', alice)).json();
    expect(after.connections[0]).toMatchObject({ authorisation: 'ok', needsReauth: false, timeZone: 'Europe/Berlin' });
    await expect(
      system.parts.helix.getSubscriptionSummary(aliceChannel, { userId: aliceChannel }),
    ).resolves.toMatchObject({ total: expect.any(Number) });
  });

  it('the demo channels were given simulator tokens at start', async () => {
    // Channels 1 and 2 were linked and unlinked above; 0, the demo user's, still holds the tokens from the start.
    const channel = sim.world.channels[0]!;
    const stored = await system.parts.twitchLink.tokenStore.load(channel.id);
    expect(stored).toBeDefined();
    expect(sim.tokens.tokensOf(channel.id).map((t) => t.accessToken)).toContain(stored!.accessToken);
    await expect(system.parts.helix.getSubscriptionSummary(channel.id, { userId: channel.id })).resolves.toMatchObject({
      total: expect.any(Number),
    });
    // The demo's own collection fetched subscriber totals with those tokens instead of recording them unavailable.
    const types = (await system.parts.eventStore.readStream(channelStream(channel.id))).map((e) => e.type);
    expect(types).toContain('SubscriberCountFetched');
    expect(types).not.toContain('SubscriberCountUnavailable');
  });
});
