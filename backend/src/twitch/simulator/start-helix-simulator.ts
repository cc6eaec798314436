/**
 * A Helix look-alike on loopback HTTP: the tests' real peer and the embedded default's data
 * source. Serves /helix/* and /oauth2/* with Helix's paging, batching, rate-limit headers and
 * faults on demand; every request is recorded so tests can check what the client sent.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SimulatedClock, type SimClock } from '../../clock.js';
import { HelixGateway, type GatewayReply } from './helix-gateway.js';
import { handleOAuth, type OAuthReply } from './oauth-routes.js';
import { SimFaults, type SimFault } from './sim-faults.js';
import { SimTokenRegistry } from './sim-tokens.js';
import { createSimWorld, type SimWorld } from './sim-world.js';

export interface HelixSimulatorOptions {
  /** 0 (the default) picks a free port. The simulator only ever listens on 127.0.0.1. */
  port?: number;
  seed?: number;
  channelCount?: number;
  /** Seeds recognisable demo channels first; the first belongs to the local demo user. */
  demo?: boolean;
  /** Defaults to a simulated clock that follows real time and can be moved (backfills move it back). */
  clock?: SimClock;
  clientId?: string;
  clientSecret?: string;
  pointsPerMinute?: number;
  userTokenLifetimeSeconds?: number;
  clipResultCap?: number;
}

export interface RecordedRequest {
  method: string;
  /** "/users", "/oauth2/token", ... */
  endpoint: string;
  query: Array<[string, string]>;
  status: number;
  bucket?: string;
  atMs: number;
}

export interface RunningHelixSimulator {
  helixBaseUrl: string;
  authBaseUrl: string;
  clientId: string;
  clientSecret: string;
  clock: SimClock;
  faults: SimFaults;
  world: SimWorld;
  tokens: SimTokenRegistry;
  requests: RecordedRequest[];
  /** Whose consent /oauth2/authorize grants; undefined makes it answer access_denied. */
  authorizeAs(userId: string | undefined): void;
  close(): Promise<void>;
}

const MALFORMED_BODIES: Record<Extract<SimFault, { kind: 'malformed' }>['body'], string> = {
  'not-json': '<html><body><h1>502 Bad Gateway</h1></body></html>',
  'wrong-shape': JSON.stringify({ data: { unexpected: true }, pagination: [] }),
  truncated: '{"data":[{"id":"1","login":"trunc',
};

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(
  response: ServerResponse,
  status: number,
  body: string | undefined,
  headers: Record<string, string | number> = {},
): void {
  response.writeHead(status, { ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers });
  response.end(body);
}

function rateLimitHeaders(reply: GatewayReply): Record<string, number> {
  if (!reply.rateLimit) return {};
  return {
    'Ratelimit-Limit': reply.rateLimit.limit,
    'Ratelimit-Remaining': reply.rateLimit.remaining,
    'Ratelimit-Reset': reply.rateLimit.resetEpochSeconds,
  };
}

/** A profile picture drawn from the login (initials on a colour of its own), like Twitch's default avatars. */
function sendAvatar(response: ServerResponse, pathname: string): void {
  const login = /jtv_user_pictures\/([a-z0-9_]+)-profile_image/.exec(pathname)?.[1];
  if (!login) return send(response, 404, JSON.stringify({ error: 'Not Found', status: 404, message: 'No such image' }));
  let hue = 0;
  for (const char of login) hue = (hue * 31 + char.charCodeAt(0)) % 360;
  const initials = login
    .replace(/[^a-z]/g, '')
    .slice(0, 2)
    .toUpperCase();
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="300" viewBox="0 0 300 300"><rect width="300" height="300" fill="hsl(${hue} 60% 45%)"/><text x="150" y="190" font-family="sans-serif" font-size="120" font-weight="700" fill="#fff" text-anchor="middle">${initials}</text></svg>`;
  response.writeHead(200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=86400' });
  response.end(svg);
}

export async function startHelixSimulator(options: HelixSimulatorOptions = {}): Promise<RunningHelixSimulator> {
  const clock = options.clock ?? new SimulatedClock(Date.now(), { followRealTime: true });
  const clientId = options.clientId ?? 'simclientid0000000000000000000';
  const clientSecret = options.clientSecret ?? 'simclientsecret000000000000000';
  const world = createSimWorld(options);
  const tokens = new SimTokenRegistry(options.userTokenLifetimeSeconds);
  const faults = new SimFaults(tokens, clock);
  const gateway = new HelixGateway({
    clientId,
    pointsPerMinute: options.pointsPerMinute ?? 800,
    clipResultCap: options.clipResultCap ?? 1000,
    mediaBaseUrl: () => mediaBaseUrl,
    clock,
    world,
    tokens,
    faults,
  });
  let mediaBaseUrl = '';
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let authorizingUserId = world.demoUserChannelId ?? world.channels[0]?.id;

  const delay = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/media/')) {
      sendAvatar(response, url.pathname);
      return;
    }
    const isOAuth = url.pathname.startsWith('/oauth2/');
    const endpoint = isOAuth ? url.pathname : url.pathname.replace(/^\/helix/, '');
    const record: RecordedRequest = {
      method: request.method ?? 'GET',
      endpoint,
      query: [...url.searchParams.entries()],
      status: 0,
      atMs: clock.now().getTime(),
    };
    requests.push(record);
    const fault = faults.takeRequestFault(endpoint);
    if (fault?.kind === 'hang') return; // closed by the client's timeout, or by close()
    if (fault?.kind === 'connection-reset') {
      request.socket.destroy();
      return;
    }
    if (fault?.kind === 'slow') await delay(fault.delayMs);
    if (fault?.kind === 'status') {
      const resetAt = Math.ceil(clock.now().getTime() / 1000) + (fault.resetInSeconds ?? 1);
      const headers: Record<string, number> =
        fault.status === 429
          ? { 'Ratelimit-Limit': options.pointsPerMinute ?? 800, 'Ratelimit-Remaining': 0, 'Ratelimit-Reset': resetAt }
          : {};
      record.status = fault.status;
      send(
        response,
        fault.status,
        JSON.stringify({ error: 'Simulated fault', status: fault.status, message: 'Injected by the simulator' }),
        headers,
      );
      return;
    }
    const nowMs = clock.now().getTime();
    if (isOAuth) {
      const fields = new URLSearchParams(url.searchParams);
      new URLSearchParams(await readBody(request)).forEach((value, key) => fields.set(key, value));
      const reply: OAuthReply = handleOAuth(
        {
          method: record.method,
          route: url.pathname.slice('/oauth2'.length),
          fields,
          authorization: request.headers.authorization,
          nowMs,
        },
        {
          clientId,
          clientSecret,
          tokens,
          authorizingUserId: () => authorizingUserId,
          loginOf: (id) => world.channelById.get(id)?.login,
        },
      );
      record.status = reply.status;
      send(
        response,
        reply.status,
        reply.body === undefined ? undefined : JSON.stringify(reply.body),
        reply.location ? { Location: reply.location } : {},
      );
      return;
    }
    const clientIdHeader = request.headers['client-id'];
    const reply = gateway.handle(
      endpoint,
      url.searchParams,
      {
        authorization: request.headers.authorization,
        clientId: Array.isArray(clientIdHeader) ? clientIdHeader[0] : clientIdHeader,
      },
      nowMs,
    );
    record.status = reply.status;
    record.bucket = reply.bucket;
    const body =
      fault?.kind === 'malformed' && reply.status === 200 ? MALFORMED_BODIES[fault.body] : JSON.stringify(reply.body);
    send(response, reply.status, body, rateLimitHeaders(reply));
  }

  const server = createServer((request, response) => {
    serve(request, response).catch((error: unknown) => {
      if (!response.headersSent)
        send(response, 500, JSON.stringify({ error: 'Internal Server Error', status: 500, message: String(error) }));
    });
  });
  // Node closes a kept-alive connection after 5 s idle, and a client that reuses it just then gets
  // ECONNRESET: on a busy machine that happens, the client retries after a backoff on the simulated
  // clock, and what a test records would depend on the machine's speed. Idle connections stay open.
  server.keepAliveTimeout = 10 * 60_000;
  server.headersTimeout = 10 * 60_000 + 1_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  mediaBaseUrl = `${origin}/media`;

  return {
    helixBaseUrl: `${origin}/helix`,
    authBaseUrl: `${origin}/oauth2`,
    clientId,
    clientSecret,
    clock,
    faults,
    world,
    tokens,
    requests,
    authorizeAs: (userId) => {
      authorizingUserId = userId;
    },
    close: () =>
      new Promise<void>((resolve) => {
        timers.forEach(clearTimeout);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
