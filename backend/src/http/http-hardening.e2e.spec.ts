/**
 * The HTTP surface as an operator probes it: security headers on every answer (the dashboard's
 * page, the API, errors), CORS for every method the API has, Fastify's refusals before routing as
 * problem details, and HEAD answers without a body.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestSystem, type TestSystem } from '../testing/start-test-system.js';
import { must } from '../must.js';
import { stopIfStarted } from '../testing/clean-up.js';
import { anyOf } from '../testing/matchers.js';

const DASHBOARD = 'https://dash.example';

/** One raw HTTP/1.1 exchange, for requests fetch refuses to send (huge headers, broken request lines). */
function rawExchange(url: string, request: string): Promise<{ head: string; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(request));
    let data = '';
    socket.on('data', (chunk: Buffer) => (data += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => {
      const split = data.indexOf('\r\n\r\n');
      resolve({ head: data.slice(0, split), body: split < 0 ? '' : data.slice(split + 4) });
    });
  });
}

const header = (head: string, name: string) => new RegExp(`^${name}: *(.*)$`, 'im').exec(head)?.[1]?.trim();

describe('HTTP hardening (e2e)', () => {
  let system: TestSystem;
  let token: string;

  beforeAll(async () => {
    system = await startTestSystem({ DEMO_HISTORY_DAYS: '1', DASHBOARD_ORIGIN: DASHBOARD });
    token = await system.token('demo');
  });
  afterAll(() => stopIfStarted(system));

  describe('security headers', () => {
    const expectHardened = (response: Response) => {
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      // No TLS configured here: HSTS would be meaningless over plain HTTP.
      expect(response.headers.get('strict-transport-security')).toBeNull();
    };

    it("are on the dashboard's page, whose inline bootstrap script is allowed by its hash only", async () => {
      const page = await system.get('/');
      expect(page.status).toBe(200);
      expectHardened(page);
      const html = await page.text();
      const csp = must(page.headers.get('content-security-policy'), "page.headers.get('content-security-policy')");
      if (html.includes('<script>')) expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    });

    it('are on API answers, errors and 404s', async () => {
      expectHardened(await system.get('/api/analytics/overview', token));
      expectHardened(await system.get('/api/analytics/overview'));
      expectHardened(await system.get('/api/analytics/nothing-here', token));
      expectHardened(await system.get('/health'));
    });
  });

  it('CORS lets the dashboard origin use every method the API has', async () => {
    for (const [method, path] of [
      ['DELETE', '/api/twitch/connections/123'],
      ['PUT', '/api/twitch/connections/123/time-zone'],
      ['POST', '/api/analytics/refresh'],
      ['GET', '/api/analytics/overview'],
    ] as const) {
      const preflight = await fetch(`${system.url}${path}`, {
        method: 'OPTIONS',
        headers: {
          origin: DASHBOARD,
          'access-control-request-method': method,
          'access-control-request-headers': 'authorization,content-type',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(DASHBOARD);
      expect(preflight.headers.get('access-control-allow-methods')?.split(/, */)).toContain(method);
    }
  });

  describe("Fastify's refusals before routing", () => {
    it('answer a URL it cannot decode with problem details', async () => {
      const response = await system.get('/api/analytics/overview%');
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(await response.json()).toMatchObject({ status: 400, detail: anyOf(String) });
    });

    it('answer headers too large with a 431 in problem details, and to HEAD with no body', async () => {
      const big = `X-Big: ${'a'.repeat(20_000)}\r\n`;
      const get = await rawExchange(system.url, `GET /api/analytics/overview HTTP/1.1\r\nHost: x\r\n${big}\r\n`);
      expect(get.head).toMatch(/^HTTP\/1\.1 431 /);
      expect(header(get.head, 'content-type')).toContain('application/problem+json');
      expect(JSON.parse(get.body)).toMatchObject({ status: 431, title: anyOf(String) });

      const head = await rawExchange(system.url, `HEAD /api/analytics/overview HTTP/1.1\r\nHost: x\r\n${big}\r\n`);
      expect(head.head).toMatch(/^HTTP\/1\.1 431 /);
      expect(head.body).toBe('');
    });

    it('answer a malformed request with a 400 in problem details', async () => {
      const broken = await rawExchange(system.url, `GET /health HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n`);
      expect(broken.head).toMatch(/^HTTP\/1\.1 400 /);
      expect(header(broken.head, 'content-type')).toContain('application/problem+json');
      expect(JSON.parse(broken.body)).toMatchObject({ status: 400 });
    });
  });

  it('answers HEAD without a body, errors included', async () => {
    for (const path of [
      '/api/analytics/overview',
      '/api/analytics/nothing-here',
      '/health',
      '/api/analytics/overview%',
    ]) {
      const response = await rawExchange(system.url, `HEAD ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect(response.head).toMatch(/^HTTP\/1\.1 \d{3} /);
      expect(response.body).toBe('');
    }
  });

  it('sends HSTS when the server speaks TLS itself', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'creatorsync-tls-'));
    const cert = path.join(folder, 'cert.pem');
    const key = path.join(folder, 'key.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    const tlsSystem = await startTestSystem({ DEMO_HISTORY_DAYS: '0', TLS_CERT_FILE: cert, TLS_KEY_FILE: key });
    try {
      expect(tlsSystem.url).toMatch(/^https:/);
      const headers = await new Promise<Record<string, unknown>>((resolve, reject) => {
        https
          .get(`${tlsSystem.url}/health`, { rejectUnauthorized: false, agent: false }, (response) => {
            response.resume();
            resolve(response.headers);
          })
          .on('error', reject);
      });
      expect(headers['strict-transport-security']).toMatch(/max-age=31536000; includeSubDomains/);
      expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    } finally {
      await tlsSystem.stop();
      await rm(folder, { recursive: true, force: true });
    }
  });
});
