/**
 * Docker is not on this machine, so the production compose file and Dockerfile are checked for
 * their structure: the app's two replicas beside EventStoreDB and PostgreSQL, each with a
 * healthcheck; the app reaching both by their service names and waiting until they are healthy;
 * the shared token key required; a build context that exists and a multi-stage Dockerfile that
 * runs as a non-root user with a healthcheck.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { loadConfig } from '../config/app-config.js';
import { must } from '../must.js';

interface Service {
  build?: string | { context: string; dockerfile?: string };
  image?: string;
  deploy?: { replicas?: number };
  environment?: Record<string, string>;
  healthcheck?: { test: string[] | string };
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
}

const root = path.resolve('.');
const compose = yaml.load(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, Service>;
};

describe('docker-compose.yml for production', () => {
  const { app, eventstore, postgres } = compose.services;

  it('runs two replicas of the app beside EventStoreDB and PostgreSQL', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['app', 'eventstore', 'postgres']);
    expect(must(app, 'app').deploy?.replicas).toBe(2);
    expect(must(eventstore, 'eventstore').image).toMatch(/^eventstore\/eventstore:/);
    expect(must(postgres, 'postgres').image).toMatch(/^postgres:/);
    // Two replicas cannot share one fixed host port.
    expect(must(app, 'app').ports).toEqual(['8080-8081:8080']);
  });

  it('gives every service a healthcheck, and starts the app only once both stores are healthy', () => {
    for (const service of [app, eventstore, postgres]) expect(must(service, 'service').healthcheck?.test).toBeDefined();
    expect(JSON.stringify(must(must(app, 'app').healthcheck, 'app.healthcheck').test)).toContain('/health');
    expect(must(app, 'app').depends_on).toEqual({
      postgres: { condition: 'service_healthy' },
      eventstore: { condition: 'service_healthy' },
    });
  });

  it("configures the app for the stores' service names, with a shared token key required", () => {
    const env = must(must(app, 'app').environment, 'app.environment');
    const pg = must(must(postgres, 'postgres').environment, 'postgres.environment');
    expect(env.DATABASE_URL).toBe(
      `postgres://${pg.POSTGRES_USER}:${pg.POSTGRES_PASSWORD}@postgres:5432/${pg.POSTGRES_DB}`,
    );
    expect(env.EVENTSTORE_CONNECTION_STRING).toBe('kurrentdb://eventstore:2113?tls=false');
    expect(env.TOKEN_ENCRYPTION_KEY).toMatch(/^\$\{TOKEN_ENCRYPTION_KEY:\?/);
    // The fixed values pass the application's own configuration check.
    const fixed = Object.fromEntries(Object.entries(env).filter(([, value]) => !value.includes('${')));
    expect(() => loadConfig(fixed)).not.toThrow();
  });

  it('builds from a context that exists, with a multi-stage Dockerfile running as non-root with a healthcheck', () => {
    const appBuild = must(must(app, 'app').build, 'app.build');
    const build = typeof appBuild === 'string' ? { context: appBuild } : appBuild;
    const context = path.resolve(root, build.context);
    const dockerfile = path.join(context, build.dockerfile ?? 'Dockerfile');
    expect(existsSync(dockerfile)).toBe(true);
    const text = readFileSync(dockerfile, 'utf8');
    expect(must(text.match(/^FROM /gm), 'text.match(/^FROM /gm)').length).toBeGreaterThanOrEqual(2);
    expect(text).toMatch(/^COPY --from=build /m);
    expect(text).toMatch(/^USER node$/m);
    expect(text).toMatch(/^HEALTHCHECK /m);
    expect(text).toMatch(/^CMD \["node", "backend\/dist\/main\.js"\]$/m);
    // What the image copies exists after `npm run build`.
    const copied = [...text.matchAll(/^COPY --from=build --chown=node:node \/app\/(\S+) /gm)].map((m) =>
      must(m[1], 'm[1]'),
    );
    expect(copied).toContain('backend/dist');
    for (const from of copied.filter((f) => !f.startsWith('node_modules')))
      expect(existsSync(path.join(context, from))).toBe(true);
    const ignored = readFileSync(path.join(context, '.dockerignore'), 'utf8');
    expect(ignored).toMatch(/node_modules/);
    expect(ignored).toMatch(/^\.data$/m);
  });
});
