/**
 * Security headers on every answer, through helmet (built once, internal/helmet-once.ts): a strict Content-Security-Policy,
 * `frame-ancestors 'none'` (and X-Frame-Options: DENY for old browsers), `nosniff`,
 * `Referrer-Policy: no-referrer`, and HSTS only when this server itself speaks TLS (a browser that
 * saw HSTS over plain HTTP would ignore it; one that saw it on a TLS-less deployment would lock out).
 *
 * The dashboard is a SvelteKit single-page app whose index.html carries an inline bootstrap script
 * and an inline style attribute, and whose client code inserts a few static style attributes.
 * Rather than allow inline code, the policy names their SHA-256 hashes, computed from the build at
 * start (a rebuild changes them, and the hashes follow). The OpenAPI page (Swagger UI) needs inline styles and data: images; it gets a policy of
 * its own that still allows no inline script.
 */
import type { FastifyInstance } from 'fastify';
import type { HelmetOptions } from 'helmet';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { must } from '../must.js';
import { addHelmetHeaders } from './internal/helmet-once.js';

/** Where the dashboard's images come from: Twitch's CDN for profile pictures, plus `extraImageOrigins`. */
const TWITCH_IMAGE_ORIGINS = ['https://static-cdn.jtvnw.net', 'https://clips-media-assets2.twitch.tv'];

export interface SecurityHeaderOptions {
  /** The built dashboard's folder; its index.html's inline script and style hashes enter the policy. */
  dashboardDir: string;
  /** True when this server terminates TLS itself: HSTS is then sent. */
  tls: boolean;
  /** More origins the dashboard may load images from (the Helix simulator's, in the embedded default). */
  extraImageOrigins?: string[];
}

/** Synchronous (the plugin it replaced had to be awaited; callers may still await it). */
export function addSecurityHeaders(fastify: FastifyInstance, options: SecurityHeaderOptions): Promise<void> {
  addHelmetHeaders(fastify, helmetOptions(options));
  // Not async: an async hook costs every answer a promise.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (request.url.startsWith('/api/docs')) reply.header('Content-Security-Policy', DOCS_POLICY);
    done(null, payload);
  });
  return Promise.resolve();
}

/** The options of helmet: the policy described above. */
export function helmetOptions(options: SecurityHeaderOptions): HelmetOptions {
  const inline = inlineHashes(options.dashboardDir);
  const imageOrigins = [...TWITCH_IMAGE_ORIGINS, ...(options.extraImageOrigins ?? [])];
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'", ...inline.scripts],
        // 'unsafe-hashes' lets exactly the hashed style attributes through, nothing else inline.
        'style-src': ["'self'", ...(inline.styles.length ? ["'unsafe-hashes'", ...inline.styles] : [])],
        'img-src': ["'self'", 'data:', ...imageOrigins],
        'connect-src': ["'self'"],
        'font-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'none'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: options.tls ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    // The API is called from the dashboard's origin when DASHBOARD_ORIGIN is set: a same-origin
    // resource policy would stop the browser from handing it the answers CORS allows.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  };
}

const DOCS_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * CSP hash sources of the built dashboard's inline code: the scripts and style attributes of its
 * index.html, and the static style attributes in its JavaScript's templates (SvelteKit's route
 * announcer, chart layers), which the client inserts as markup. None if the build is missing.
 */
export function inlineHashes(dashboardDir: string): { scripts: string[]; styles: string[] } {
  const indexFile = path.join(dashboardDir, 'index.html');
  if (!existsSync(indexFile)) return { scripts: [], styles: [] };
  const html = readFileSync(indexFile, 'utf8');
  const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
  const scripts = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map((m) =>
    hash(must(m[1], 'm[1]')),
  );
  const styles = [
    ...[...html.matchAll(/\sstyle="([^"]*)"/gi)].map((m) => hash(must(m[1], 'm[1]'))),
    ...[...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => hash(must(m[1], 'm[1]'))),
    ...scriptFiles(path.join(dashboardDir, '_app')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\sstyle="([^"\\]*)"/g)].map((m) => hash(must(m[1], 'm[1]'))),
    ),
  ];
  return { scripts: [...new Set(scripts)], styles: [...new Set(styles)] };
}

function scriptFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.js'))
    .map((name) => path.join(folder, name));
}
