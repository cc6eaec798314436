/**
 * The Twitch account link over real HTTP: the whole system, the simulator as Twitch's OAuth server
 * (its /oauth2/authorize followed the way a browser follows redirects), real Postgres and the real
 * event store.
 */
import { accountStream, channelStream } from '@creatorsync/projections';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { RecordedEvent } from '../event-store/event-store.port.js';
import { startTestSystem, type TestSystem } from '../testing/start-test-system.js';
import { TokenRevokedError } from '../twitch/errors.js';
import type { RunningHelixSimulator } from '../twitch/simulator/start-helix-simulator.js';
import { linkStateKey, signLinkState } from './link-state.js';
import { loadOrCreateTokenEncryptionKey } from './token-encryption-key.js';
import { must } from '../must.js';
import { problemDetail, readJson } from '../testing/read-json.js';
import type { ConnectionsResponse } from './connection.response.js';
import { stopIfStarted } from '../testing/clean-up.js';
import { anyOf, objectContaining, stringContaining, stringMatching } from '../testing/matchers.js';

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
    sim = must(system.simulator, 'system.simulator');
    aliceChannel = must(sim.world.channels[1], 'sim.world.channels[1]').id;
    bobChannel = must(sim.world.channels[2], 'sim.world.channels[2]').id;
    alice = await system.token('alice');
    bob = await system.token('bob');
  });
  afterAll(() => stopIfStarted(system));

  const api = (method: string, pathAndQuery: string, token: string | undefined, body?: unknown) =>
    fetch(`${system.url}${pathAndQuery}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  /**
   * A browser: keeps the cookies our server sets (Twitch's are not needed here) and follows
   * redirects the way a browser does, sending them back where their path matches.
   */
  class Browser {
    private readonly cookies = new Map<string, { value: string; path: string }>();

    async fetch(url: URL | string, init: RequestInit = {}): Promise<Response> {
      const target = new URL(url);
      const ours = target.origin === new URL(system.url).origin;
      const cookie = [...this.cookies]
        .filter(([, c]) => ours && target.pathname.startsWith(c.path))
        .map(([name, c]) => `${name}=${c.value}`)
        .join('; ');
      const response = await fetch(target, {
        ...init,
        redirect: 'manual',
        headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
      });
      if (ours) for (const line of response.headers.getSetCookie()) this.keep(line);
      return response;
    }

    /** Where the browser ends up after following every redirect. */
    async browse(url: URL | string): Promise<URL> {
      let current = new URL(url);
      for (let hop = 0; hop < 10; hop++) {
        const response = await this.fetch(current);
        const location = response.headers.get('location');
        if (response.status < 300 || response.status >= 400 || !location) return current;
        current = new URL(location, current);
      }
      throw new Error('too many redirects');
    }

    /** The Cookie header this browser sends to `url`, for replaying a request outside it. */
    cookieFor(url: string): string {
      const { pathname } = new URL(url);
      return [...this.cookies]
        .filter(([, c]) => pathname.startsWith(c.path))
        .map(([name, c]) => `${name}=${c.value}`)
        .join('; ');
    }

    private keep(line: string): void {
      const [pair, ...attributes] = line.split(';').map((p) => p.trim());
      const eq = must(pair, 'pair').indexOf('=');
      const name = must(pair, 'pair').slice(0, eq);
      const path = attributes.find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/';
      const maxAge = attributes.find((a) => a.toLowerCase().startsWith('max-age='));
      if (maxAge === 'Max-Age=0') this.cookies.delete(name);
      else this.cookies.set(name, { value: must(pair, 'pair').slice(eq + 1), path });
    }
  }

  let browser: Browser;
  beforeEach(() => {
    browser = new Browser();
  });

  async function authorizeUrl(token: string, inBrowser: Browser = browser): Promise<URL> {
    const response = await inBrowser.fetch(`${system.url}/api/twitch/connect`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    return new URL(((await response.json()) as { authorizeUrl: string }).authorizeUrl);
  }

  const browse = (url: URL | string) => browser.browse(url);

  async function linkAs(token: string, channelId: string): Promise<URL> {
    const url = await authorizeUrl(token);
    sim.authorizeAs(channelId);
    return browse(url);
  }

  async function accountEvents(userId: string): Promise<RecordedEvent[]> {
    return system.parts.eventStore.readStream(accountStream(userId)).catch(() => []);
  }

  const latestAccessToken = (channelId: string) =>
    must(sim.tokens.tokensOf(channelId).at(-1), 'sim.tokens.tokensOf(channelId).at(-1)');
  const stateOf = (url: URL) => must(url.searchParams.get('state'), "url.searchParams.get('state')");
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
      state: stringMatching(/^s1\./),
      force_verify: 'true',
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
    const channel = must(sim.world.channelById.get(aliceChannel), 'sim.world.channelById.get(aliceChannel)');
    expect(landed.pathname).toBe('/');
    expect(Object.fromEntries(landed.searchParams)).toEqual({ twitch: 'connected', channel: channel.login });

    const events = await accountEvents('alice');
    expect(events.map((e) => e.type)).toEqual(['TwitchAccountLinked']);
    expect(must(events[0], 'events[0]').data).toEqual({
      userId: 'alice',
      broadcasterId: aliceChannel,
      login: channel.login,
      displayName: channel.displayName,
      scopes: ['channel:read:subscriptions', 'moderator:read:followers'],
      linkedAt: anyOf(String),
    });
    const issued = latestAccessToken(aliceChannel);
    const recorded = JSON.stringify(events, (_key, value: unknown) =>
      typeof value === 'bigint' ? value.toString() : value,
    );
    expect(recorded).not.toContain(issued.accessToken);
    expect(recorded).not.toContain(issued.refreshToken);

    const { rows } = await system.db.pool.query<Record<string, unknown>>(
      `SELECT * FROM twitch_tokens WHERE broadcaster_id = $1`,
      [aliceChannel],
    );
    expect(rows).toHaveLength(1);
    const row = Object.values(must(rows[0], 'the token row'))
      .map((v) =>
        Buffer.isBuffer(v) ? `${v.toString('utf8')}|${v.toString('hex')}|${v.toString('base64')}` : String(v),
      )
      .join('|');
    expect(row).not.toContain(issued.accessToken);
    expect(row).not.toContain(issued.refreshToken);
    const stored = await system.parts.twitchLink.tokenStore.load(aliceChannel);
    expect(stored).toMatchObject({ accessToken: issued.accessToken, refreshToken: issued.refreshToken });

    const connections = await readJson<ConnectionsResponse>(await api('GET', '/api/twitch/connections', alice));
    expect(connections).toEqual({
      connections: [
        objectContaining({
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
    const toCallback = must(
      (await browser.fetch(url)).headers.get('location'),
      "await browser.fetch(url)).headers.get('location'",
    );
    // Whoever replays it has the browser's cookie too (the browser itself clears it at the callback).
    const cookie = browser.cookieFor(toCallback);
    expect((await browse(toCallback)).searchParams.get('twitch')).toBe('connected');
    const count = (await accountEvents('alice')).length;
    const replayed = await fetch(toCallback, { headers: { cookie }, redirect: 'manual' });
    expect(
      Object.fromEntries(
        new URL(must(replayed.headers.get('location'), "replayed.headers.get('location')"), system.url).searchParams,
      ),
    ).toEqual({
      twitch: 'error',
      reason: 'state_used',
    });
    expect(await accountEvents('alice')).toHaveLength(count);
  });

  it("takes the redirect URI from configuration, whatever the request's Host header says", async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const request = http.get(
        `${system.url}/api/twitch/connect`,
        { headers: { host: 'evil.example', authorization: `Bearer ${alice}` } },
        (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () => resolve(body));
        },
      );
      request.on('error', reject);
    });
    const url = new URL((JSON.parse(answer) as { authorizeUrl: string }).authorizeUrl);
    expect(url.searchParams.get('redirect_uri')).toBe(`${system.url}/api/twitch/callback`);
  });

  it('connect hands the browser an HttpOnly, SameSite=Lax nonce cookie for the callback path only', async () => {
    const response = await fetch(`${system.url}/api/twitch/connect`, { headers: { authorization: `Bearer ${alice}` } });
    const [cookie] = response.headers.getSetCookie();
    expect(cookie).toMatch(/^creatorsync_twitch_link=[A-Za-z0-9_-]{20,};/);
    expect(cookie).toContain('Path=/api/twitch/callback');
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toMatch(/Max-Age=600/);
  });

  it('a flow completed in another browser links nothing, and leaves the state usable by the browser that started it', async () => {
    const before = (await accountEvents('alice')).length;
    const bobTokens = await system.parts.twitchLink.tokenStore.load(bobChannel);
    const url = await authorizeUrl(alice); // alice's browser
    sim.authorizeAs(bobChannel);
    // Another browser (no cookie, then its own cookie from a connect of its own) opens alice's link.
    const other = new Browser();
    expect(Object.fromEntries((await other.browse(url)).searchParams)).toEqual({
      twitch: 'error',
      reason: 'other_browser',
    });
    await authorizeUrl(bob, other);
    expect(Object.fromEntries((await other.browse(url)).searchParams)).toEqual({
      twitch: 'error',
      reason: 'other_browser',
    });
    expect(await accountEvents('alice')).toHaveLength(before);
    expect(await system.parts.twitchLink.tokenStore.load(bobChannel)).toEqual(bobTokens);

    // Alice's own browser can still finish her link (with her own channel).
    sim.authorizeAs(aliceChannel);
    expect((await browse(url)).searchParams.get('twitch')).toBe('connected');
    expect((await accountEvents('alice')).at(-1)).toMatchObject({
      type: 'TwitchAccountLinked',
      data: { userId: 'alice', broadcasterId: aliceChannel },
    });
  });

  it('refuses forged, tampered, missing and expired states, recording nothing', async () => {
    const before = (await accountEvents('alice')).length;
    const code = 'whatever';
    const realState = stateOf(await authorizeUrl(alice));
    const [version, payload, signature] = realState.split('.');
    const asBob = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(must(payload, 'payload'), 'base64url').toString()), u: 'bob' }),
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
    const { connections } = await readJson<ConnectionsResponse>(await api('GET', '/api/twitch/connections', alice));
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
      expect(await problemDetail(response)).toMatch(/timeZone|extra/);
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
    expect(await problemDetail(disconnect)).toMatch(/not found among your connected Twitch accounts/);
    expect(
      (await api('PUT', `/api/twitch/connections/${bobChannel}/time-zone`, alice, { timeZone: 'UTC' })).status,
    ).toBe(404);
    expect(await accountEvents('bob')).toHaveLength(bobEvents);
    expect(await system.parts.twitchLink.tokenStore.load(bobChannel)).toBeDefined();
    const { connections } = await readJson<ConnectionsResponse>(await api('GET', '/api/twitch/connections', alice));
    expect(connections.map((c) => c.broadcasterId)).toEqual([aliceChannel]);
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
    const { connections } = await readJson<ConnectionsResponse>(await api('GET', '/api/twitch/connections', alice));
    expect(connections[0]).toMatchObject({
      broadcasterId: aliceChannel,
      authorisation: 'needs_reauth',
      needsReauth: true,
      reauthReason: stringContaining('refresh refused'),
    });

    expect((await linkAs(alice, aliceChannel)).searchParams.get('twitch')).toBe('connected');
    const after = await readJson<ConnectionsResponse>(await api('GET', '/api/twitch/connections', alice));
    expect(after.connections[0]).toMatchObject({ authorisation: 'ok', needsReauth: false, timeZone: 'Europe/Berlin' });
    await expect(
      system.parts.helix.getSubscriptionSummary(aliceChannel, { userId: aliceChannel }),
    ).resolves.toMatchObject({ total: anyOf(Number) });
  });

  it('the demo channels were given simulator tokens at start', async () => {
    // Channels 1 and 2 were linked and unlinked above; 0, the demo user's, still holds the tokens from the start.
    const channel = must(sim.world.channels[0], 'sim.world.channels[0]');
    const stored = await system.parts.twitchLink.tokenStore.load(channel.id);
    expect(stored).toBeDefined();
    expect(sim.tokens.tokensOf(channel.id).map((t) => t.accessToken)).toContain(must(stored, 'stored').accessToken);
    await expect(system.parts.helix.getSubscriptionSummary(channel.id, { userId: channel.id })).resolves.toMatchObject({
      total: anyOf(Number),
    });
    // The demo's own collection fetched subscriber totals with those tokens instead of recording them unavailable.
    const types = (await system.parts.eventStore.readStream(channelStream(channel.id))).map((e) => e.type);
    expect(types).toContain('SubscriberCountFetched');
    expect(types).not.toContain('SubscriberCountUnavailable');
  });
});
