/**
 * The query side's HTTP layer over real HTTP, in the production auth configuration (Clerk's
 * verifier with CLERK_JWT_KEY and authorized parties; the tokens are signed here with the matching
 * key): ETag and 304, the consistency token's validation and bounded wait, CORS for the dashboard
 * origin only, admin access by key or role claim, the session-token cases, and secrets kept out
 * of the request logs.
 */
import { channelStream } from '@creatorsync/projections';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { startSystem, type RunningSystem } from '../app/start-system.js';
import { issueLocalToken, type LocalTokenOptions } from '../auth/local-token-issuer.js';
import { loadConfig } from '../config/app-config.js';
import { createLogger } from '../logging/logger.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { projectionsCaughtUp } from '../testing/projections-caught-up.js';
import { must } from '../must.js';
import { problemDetail, readJson } from '../testing/read-json.js';
import type { OverviewResponse } from '../analytics/get-overview/get-overview.response.js';
import { closeIfOpened, dropIfCreated } from '../testing/clean-up.js';
import { arrayContaining, stringContaining, stringMatching } from '../testing/matchers.js';

/** The parts of the served OpenAPI document this spec reads. */
interface OpenApiDocument {
  paths: Record<
    string,
    | {
        get?: {
          parameters: Array<{ name: string; in: string }>;
          responses: Record<string, { headers?: Record<string, unknown> } | undefined>;
        };
      }
    | undefined
  >;
}

const DASHBOARD = 'https://dash.example';
const ADMIN_KEY = 'admin-key-for-the-http-layer-test';

function rsaKeys() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}

describe('HTTP layer of the query side (Clerk verification with a JWT key)', () => {
  const keys = rsaKeys();
  const logLines: string[] = [];
  let db: TestDatabase;
  let dataDir: string;
  let system: RunningSystem;
  let channelId: string;

  const token = async (userId: string, options: LocalTokenOptions = {}) =>
    (await issueLocalToken(keys, userId, { authorizedParty: DASHBOARD, ...options })).token;
  const get = (pathAndQuery: string, headers: Record<string, string> = {}) =>
    fetch(`${system.url}${pathAndQuery}`, { headers });
  const asUser = async (userId: string, headers: Record<string, string> = {}) => ({
    authorization: `Bearer ${await token(userId)}`,
    ...headers,
  });

  beforeAll(async () => {
    db = await createTestDatabase();
    dataDir = await mkdtemp(path.join(tmpdir(), 'creatorsync-http-'));
    const config = loadConfig({
      PORT: '0',
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      DEMO_HISTORY_DAYS: '0',
      CLERK_JWT_KEY: keys.publicKeyPem,
      CLERK_AUTHORIZED_PARTIES: DASHBOARD,
      ADMIN_KEY,
      // With a trailing slash on purpose: CORS compares origins in their canonical form.
      DASHBOARD_ORIGIN: `${DASHBOARD}/`,
      CONSISTENCY_WAIT_MS: '300',
      LOG_LEVEL: 'info',
    });
    const sink = new Writable({
      write: (chunk: Buffer, _enc, done) => {
        logLines.push(String(chunk));
        done();
      },
    });
    system = await startSystem(config, { logger: createLogger('info', sink), projectorIntervalMs: 250 });
    await system.demoReady;
    await projectionsCaughtUp(system.url);
    channelId = must(
      must(system.simulator, 'system.simulator').world.demoUserChannelId,
      'system.simulator.world.demoUserChannelId',
    );
  });
  afterAll(async () => {
    await closeIfOpened(system);
    await dropIfCreated(db);
    await rm(dataDir, { recursive: true, force: true });
  });

  describe('ETag and If-None-Match', () => {
    it('tags an answer, answers 304 without a body while the read model has not moved, and 200 with a new tag once it has', async () => {
      const headers = await asUser('demo');
      const first = await get('/api/analytics/overview', headers);
      expect(first.status).toBe(200);
      const etag = must(first.headers.get('etag'), "first.headers.get('etag')");
      expect(etag).toMatch(/^"[\w-]+"$/);
      expect(first.headers.get('cache-control')).toBe('private, no-cache');
      const before = await readJson<OverviewResponse>(first);

      const again = await get('/api/analytics/overview', { ...headers, 'if-none-match': etag });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');
      expect(again.headers.get('etag')).toBe(etag);
      expect((await get('/api/analytics/overview', { ...headers, 'if-none-match': `W/${etag}` })).status).toBe(304);
      expect((await get('/api/analytics/overview', { ...headers, 'if-none-match': '"something-else"' })).status).toBe(
        200,
      );

      // New followers recorded for the channel move the read model.
      const total = must(before.followers.current, 'before.followers.current') + 5;
      const now = system.parts.clock.now().toISOString();
      await system.parts.eventStore.append(channelStream(channelId), [
        {
          id: randomUUID(),
          type: 'FollowerCountFetched',
          data: { broadcasterId: channelId, total, raw: { total } },
          metadata: { correlationId: 'http-layer-test', source: 'manual', schemaVersion: 1, fetchedAt: now },
        },
      ]);
      await projectionsCaughtUp(system.url);
      // Versions are reused for up to 50 ms (read-model-version.ts): revalidate after that.
      await new Promise((r) => setTimeout(r, 60));
      const moved = await get('/api/analytics/overview', { ...headers, 'if-none-match': etag });
      expect(moved.status).toBe(200);
      expect(moved.headers.get('etag')).not.toBe(etag);
      expect((await readJson<OverviewResponse>(moved)).followers.current).toBe(total);
    });

    it('gives different answers different tags, and an error none', async () => {
      const headers = await asUser('demo');
      const plain = await get('/api/analytics/overview', headers);
      const byChannel = await get(`/api/analytics/overview?channel=${channelId}`, headers);
      expect(plain.status).toBe(200);
      expect(byChannel.status).toBe(200);
      expect(byChannel.headers.get('etag')).not.toBe(plain.headers.get('etag'));
      const notMine = await get('/api/analytics/overview?channel=1', headers);
      expect(notMine.status).toBe(404);
      expect(notMine.headers.get('etag')).toBeNull();
      // Another user's If-None-Match with the demo user's tag is not a match for them.
      const other = await get(
        '/api/analytics/overview',
        await asUser('someone-else', { 'if-none-match': must(plain.headers.get('etag'), "plain.headers.get('etag')") }),
      );
      expect(other.status).toBe(404);
    });
  });

  describe('consistency token', () => {
    it.each([
      ['header', (t: string) => ['/api/analytics/overview', { 'x-consistency-token': t }] as const],
      [
        'query parameter',
        (t: string) => [`/api/analytics/overview?consistencyToken=${encodeURIComponent(t)}`, {}] as const,
      ],
    ])('rejects a malformed token in the %s with 400 and says what is expected', async (_where, place) => {
      const [url, extra] = place('not a token');
      const response = await get(url, await asUser('demo', extra));
      expect(response.status).toBe(400);
      expect(await problemDetail(response)).toContain(
        'is not a consistency token (expected "<jobId>.<commit>-<prepare>"',
      );
    });

    it('rejects two tokens at once', async () => {
      const response = await get(
        '/api/analytics/overview?consistencyToken=a.1-1',
        await asUser('demo', { 'x-consistency-token': 'b.1-1' }),
      );
      expect(response.status).toBe(400);
      expect(await problemDetail(response)).toContain('one consistency token');
    });

    it('waits at most the configured time for a job the read model never reaches, then answers and says it is not fresh', async () => {
      const unreached = `job-${randomUUID()}.99999999999-1`;
      const response = await get(
        `/api/analytics/overview?consistencyToken=${unreached}&channel=${channelId}`,
        await asUser('demo'),
      );
      expect(response.status).toBe(200);
      expect(response.headers.get('x-consistency')).toBe('timeout');
      expect((await readJson<OverviewResponse>(response)).channel.id).toBe(channelId);
    });

    it('is an unknown parameter on endpoints that do not read the read model', async () => {
      const response = await get('/api/auth/config?consistencyToken=a.1-1');
      expect(response.status).toBe(400);
      expect(await problemDetail(response)).toContain('unknown parameter "consistencyToken"');
    });
  });

  describe('CORS', () => {
    it('lets the dashboard origin read the answer and the caching headers', async () => {
      const response = await get('/api/analytics/overview', await asUser('demo', { origin: DASHBOARD }));
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe(DASHBOARD);
      expect(response.headers.get('access-control-expose-headers')).toContain('ETag');
      const preflight = await fetch(`${system.url}/api/analytics/overview`, {
        method: 'OPTIONS',
        headers: {
          origin: DASHBOARD,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization,x-consistency-token,if-none-match',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(DASHBOARD);
      expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('x-consistency-token');
    });

    it('gives any other origin no access', async () => {
      const response = await get('/api/analytics/overview', await asUser('demo', { origin: 'https://evil.example' }));
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      const preflight = await fetch(`${system.url}/api/analytics/overview`, {
        method: 'OPTIONS',
        headers: {
          origin: 'https://evil.example',
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('session tokens', () => {
    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const now = () => Math.floor(Date.now() / 1000);

    it('accepts a valid token for the configured party', async () => {
      expect((await get('/api/analytics/overview', await asUser('demo'))).status).toBe(200);
    });

    it.each([
      ['an expired token', () => token('demo', { now: new Date(Date.now() - 7200_000), ttlSeconds: 60 }), 'expired'],
      ['a token not valid yet', () => token('demo', { notBeforeOffsetSeconds: 3600 }), 'not valid yet'],
      [
        'a token signed with another key',
        async () => (await issueLocalToken(rsaKeys(), 'demo', { authorizedParty: DASHBOARD })).token,
        'signature is invalid',
      ],
      [
        'a token for another party (azp)',
        () => token('demo', { authorizedParty: 'https://evil.example' }),
        'another application',
      ],
      [
        'an alg:none token',
        () =>
          Promise.resolve(
            `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'demo', azp: DASHBOARD, iat: now(), nbf: now(), exp: now() + 600 })}.`,
          ),
        'algorithm',
      ],
      [
        'a valid token with its signature altered',
        async () => {
          const valid = await token('demo');
          // Cached as verified by now: a token differing in its signature must still be checked.
          await get('/api/analytics/overview', { authorization: `Bearer ${valid}` });
          const [header, payload, signature] = valid.split('.');
          return `${header}.${payload}.${must(signature, 'signature').startsWith('A') ? 'B' : 'A'}${must(signature, 'signature').slice(1)}`;
        },
        'signature is invalid',
      ],
    ])('rejects %s with 401', async (_name, makeToken, detail) => {
      const response = await get('/api/analytics/overview', { authorization: `Bearer ${await makeToken()}` });
      expect(response.status).toBe(401);
      expect(await problemDetail(response)).toContain(detail);
    });
  });

  describe('admin routes', () => {
    it('need an admin role claim or the admin key', async () => {
      const admin = await get('/api/analytics/system', {
        authorization: `Bearer ${await token('boss', { admin: true })}`,
      });
      expect(admin.status).toBe(200);
      const byKey = await get('/api/analytics/system', { 'x-admin-key': ADMIN_KEY });
      expect(byKey.status).toBe(200);
    });

    it('refuse a user without the admin role with 403', async () => {
      const response = await get('/api/analytics/system', await asUser('demo'));
      expect(response.status).toBe(403);
      expect(await problemDetail(response)).toContain('Admin only');
    });

    it.each([
      ['a wrong key', `${ADMIN_KEY.slice(0, -1)}X`],
      ['a short key', 'admin'],
      ['an empty key', ''],
      ['the key with extra characters', `${ADMIN_KEY}-and-more`],
    ])('refuse %s with 401, even beside an admin session', async (_name, key) => {
      const response = await get('/api/analytics/system', {
        'x-admin-key': key,
        authorization: `Bearer ${await token('boss', { admin: true })}`,
      });
      expect(response.status).toBe(401);
      expect(await problemDetail(response)).toBe('X-Admin-Key is not valid');
    });

    it('refuse a request with neither key nor session with 401', async () => {
      expect((await get('/api/analytics/system')).status).toBe(401);
    });
  });

  it('answers a request body Fastify refuses with problem details that say why', async () => {
    const post = async (body: string, contentType: string) => {
      const response = await fetch(`${system.url}/api/analytics/refresh`, {
        method: 'POST',
        headers: { ...(await asUser('body-tester')), 'content-type': contentType },
        body,
      });
      return {
        status: response.status,
        type: response.headers.get('content-type'),
        body: (await response.json()) as { status: number; detail: string },
      };
    };
    const broken = await post('{"days": ', 'application/json');
    expect(broken).toMatchObject({
      status: 400,
      type: stringContaining('application/problem+json'),
      body: { status: 400, detail: stringMatching(/not valid JSON/) },
    });
    expect(await post(JSON.stringify({ note: 'x'.repeat(200_000) }), 'application/json')).toMatchObject({
      status: 413,
      body: { status: 413, detail: stringMatching(/too large/) },
    });
    expect(await post('<refresh/>', 'application/xml')).toMatchObject({ status: 415, body: { status: 415 } });
  });

  it('logs each answered request as structured JSON with the user, never the session token or the admin key', async () => {
    const secretToken = await token('demo');
    await get('/api/analytics/overview', { authorization: `Bearer ${secretToken}`, cookie: 'session=secret-cookie' });
    await get('/api/analytics/system', { 'x-admin-key': ADMIN_KEY });
    await get('/api/analytics/overview?password=hunter2-in-a-url&Authorization=Bearer%20url-token', {
      authorization: `Bearer ${secretToken}`,
    });
    await new Promise((r) => setTimeout(r, 100));
    type Line = {
      msg: string;
      userId?: string;
      method?: string;
      url?: string;
      statusCode?: number;
      responseTime?: number;
    };
    const lines = logLines
      .flatMap((chunk) => chunk.split('\n').filter(Boolean))
      .map((line) => JSON.parse(line) as Line);
    const overview = lines.find((l) => l.url === '/api/analytics/overview' && l.userId === 'demo');
    expect(overview).toMatchObject({ msg: 'request completed', method: 'GET', statusCode: 200 });
    expect(typeof must(overview, 'overview').responseTime).toBe('number');
    expect(lines.filter((l) => l.url === '/api/analytics/system').pop()).toMatchObject({
      userId: 'admin-key',
      statusCode: 200,
    });
    const all = logLines.join('');
    expect(all).not.toContain(secretToken.split('.')[2]);
    expect(all).not.toContain(ADMIN_KEY);
    expect(all).not.toContain('secret-cookie');
    // Query parameters outside the API's own are logged without their values.
    expect(all).not.toContain('hunter2-in-a-url');
    expect(all).not.toContain('url-token');
    expect(lines.some((l) => l.url === '/api/analytics/overview?password=[redacted]&Authorization=[redacted]')).toBe(
      true,
    );
  });

  it('documents the consistency token, the caching headers and the 304 in the OpenAPI document', async () => {
    const document = await readJson<OpenApiDocument>(await get('/api/docs/openapi.json'));
    const overview = must(document.paths['/api/analytics/overview']?.get, 'the overview route');
    const parameters = overview.parameters.map((p) => `${p.in}:${p.name}`);
    expect(parameters).toEqual(
      arrayContaining(['header:X-Consistency-Token', 'query:consistencyToken', 'header:If-None-Match']),
    );
    expect(Object.keys(overview.responses)).toEqual(arrayContaining(['200', '304', '429']));
    expect(Object.keys(must(overview.responses['200'], 'the 200 response').headers ?? {})).toEqual(
      arrayContaining(['ETag', 'X-Consistency']),
    );
  });
});
