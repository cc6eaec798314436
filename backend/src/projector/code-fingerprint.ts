/**
 * The identity of the code that computes a projection: a hash of its definition (name, version,
 * handled types, tables, its functions' text) and of the TypeScript source of its module and every
 * module that module imports for code (`import type` computes nothing and is left out), followed
 * through relative imports. Builds record it, so a process can tell its own code from another's.
 *
 * Compiled modules (dist/) are read through their source maps, which embed the TypeScript each was
 * compiled from; so the sources a test runs (src/) and the compiled files a worker thread loads
 * (dist/) fingerprint alike exactly when dist/ was built from those sources.
 *
 * Computed once per projection object, when first asked; `fingerprintProjections` asks for all of a
 * process's projections at start, right after their modules were loaded, so the files read are the
 * ones the process runs (and not what a later `npm run build` put on disk).
 */
import type { Projection } from '@creatorsync/projections';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { must } from '../must.js';

const fingerprints = new WeakMap<Projection, string>();

export function codeFingerprint(projection: Projection): string {
  let fingerprint = fingerprints.get(projection);
  if (fingerprint === undefined) {
    fingerprint = computeFingerprint(projection);
    fingerprints.set(projection, fingerprint);
  }
  return fingerprint;
}

export function fingerprintProjections(projections: readonly Projection[]): void {
  for (const projection of projections) codeFingerprint(projection);
}

/** The first 16 hex digits of the hash: enough to tell code apart, short enough to read in a status table. */
function computeFingerprint(projection: Projection): string {
  const hash = createHash('sha256');
  const { name, version, handles, tables, parallel } = projection;
  hash.update(JSON.stringify({ name, version, handles, tables, parallel: parallel ?? null }));
  hash.update('\0');
  hash.update(normalise(projection.rowsToLoad.toString()));
  hash.update('\0');
  hash.update(normalise(projection.apply.toString()));
  if (projection.module) {
    for (const [file, source] of moduleSources(projection.module)) hash.update(`\0${file}\0${source}`);
  }
  return hash.digest('hex').slice(0, 16);
}

/** Whitespace differences between compilers' output are not code differences. */
function normalise(code: string): string {
  return code.replace(/\s+/g, ' ');
}

/** The module's TypeScript source and its imported modules', keyed by path relative to the module's folder, sorted. */
function moduleSources(module: string): Array<[string, string]> {
  const entry = module.startsWith('file:') ? fileURLToPath(module) : module;
  const root = dirname(entry);
  const sources = new Map<string, string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = must(pending.pop(), 'pending.pop()');
    const key = relative(root, file).replace(/\.[cm]?[jt]s$/, '');
    if (sources.has(key)) continue;
    const source = readSource(file);
    sources.set(key, source ?? '(missing)');
    if (source === undefined) continue;
    for (const specifier of codeImports(source)) pending.push(join(dirname(file), specifier));
  }
  return [...sources].sort(([a], [b]) => a.localeCompare(b));
}

/** TypeScript source: the file itself, or for compiled JavaScript the source its map embeds. */
function readSource(file: string): string | undefined {
  const ts = file.replace(/\.js$/, '.ts');
  try {
    if (file.endsWith('.ts')) return readFileSync(file, 'utf8');
    try {
      const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sourcesContent?: string[] };
      if (map.sourcesContent?.[0] !== undefined) return map.sourcesContent[0];
    } catch {
      // No map beside it: a source tree (Jest) resolves `./x.js` to `./x.ts`.
    }
    return readFileSync(ts, 'utf8');
  } catch {
    return undefined;
  }
}

/** Relative specifiers of imports and re-exports that bring code (not `import type` / `export type`). */
function codeImports(source: string): string[] {
  const specifiers: string[] = [];
  const statement = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm;
  for (const match of source.matchAll(statement)) if (!match[2]) specifiers.push(must(match[3], 'match[3]'));
  return specifiers;
}
