/**
 * helmet's security headers with its middleware built once. @fastify/helmet 13 calls
 * `helmet(options)` for every request: it builds each header's middleware again and parses the
 * Content-Security-Policy directives again, which in the API benchmark was about a twentieth of the
 * HTTP layer's time per request. Here the same helmet, given the same options, is built at start
 * and run on each request's raw response in one onRequest hook, as the plugin does: the same headers
 * (internal/helmet-once.unit.spec.ts compares them with the plugin's).
 */
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

export function addHelmetHeaders(fastify: FastifyInstance, options: Readonly<HelmetOptions>): void {
  const applyHeaders = helmet(options);
  fastify.addHook('onRequest', (request, reply, done) => {
    // helmet 8 throws its errors (at build, above) instead of passing them on: next is called bare.
    applyHeaders(request.raw, reply.raw, () => {
      done();
    });
  });
}
