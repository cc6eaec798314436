/**
 * helmet built once sets exactly the headers @fastify/helmet sets (which builds it per request),
 * for the API's own policy (with and without TLS), on answers, errors and unknown routes alike.
 */
import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import type { HelmetOptions } from 'helmet';
import { helmetOptions } from '../security-headers.js';
import { addHelmetHeaders } from './helmet-once.js';

async function server(apply: (fastify: FastifyInstance) => Promise<void>): Promise<FastifyInstance> {
  const fastify = Fastify();
  await apply(fastify);
  fastify.get('/api/thing', () => ({ ok: true }));
  fastify.get('/api/broken', () => {
    throw new Error('broken');
  });
  await fastify.listen({ port: 0, host: '127.0.0.1' });
  return fastify;
}

/** Status and headers (all but the date) of a GET over HTTP. */
async function headersOf(fastify: FastifyInstance, path: string): Promise<Record<string, string>> {
  const { port } = fastify.server.address() as AddressInfo;
  const response = await fetch(`http://127.0.0.1:${String(port)}${path}`);
  await response.arrayBuffer();
  const headers = Object.fromEntries([...response.headers].filter(([name]) => name !== 'date'));
  return { status: String(response.status), ...headers };
}

/**
 * The same options object: @fastify/helmet types them with helmet's CommonJS declarations, this
 * code with its ES module ones, which TypeScript holds for unrelated types.
 */
const asPluginOptions = (options: HelmetOptions) => options as unknown as FastifyHelmetOptions;

const policies: Array<[string, HelmetOptions]> = [
  ['without TLS', helmetOptions({ dashboardDir: '/nonexistent', tls: false })],
  [
    'with TLS and more image origins',
    helmetOptions({ dashboardDir: '/nonexistent', tls: true, extraImageOrigins: ['http://127.0.0.1:9'] }),
  ],
];

describe('helmet built once', () => {
  it.each(policies)('sets the same headers as @fastify/helmet %s', async (_name, options) => {
    const plugin = await server(async (fastify) => {
      await fastify.register(fastifyHelmet, asPluginOptions(options));
    });
    const once = await server((fastify) => {
      addHelmetHeaders(fastify, options);
      return Promise.resolve();
    });
    for (const url of ['/api/thing', '/api/broken', '/nowhere']) {
      const expected = await headersOf(plugin, url);
      expect(expected['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(Object.keys(expected).length).toBeGreaterThan(10);
      expect(await headersOf(once, url)).toEqual(expected);
    }
    await Promise.all([plugin.close(), once.close()]);
  });
});
