/**
 * The one typed configuration, read from environment variables (and an optional `.env` file),
 * validated at start. A wrong value stops the process with a message naming the variable and
 * what is expected. Unset Twitch/Clerk/database settings select the embedded default's parts.
 */
import { validateCronExpression } from 'cron';
import { z } from 'zod';
import { kurrentConnectionStringProblem } from './kurrent-connection-string.js';

const optionalText = z.string().trim().min(1).optional();
const url = (what: string) => z.url({ error: `expected a URL (${what})` }).optional();

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const configSchema = z.object({
  PORT: z.coerce
    .number({ error: 'expected a port number' })
    .int('expected a whole number')
    .min(0)
    .max(65535, 'expected 0–65535')
    .default(8080),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// connection URL')
    .optional(),
  EVENTSTORE_CONNECTION_STRING: z
    .string()
    // Only what @kurrent/kurrentdb-client parses, checked by its own parser (which also takes the
    // deprecated esdb:// scheme, with a warning).
    .superRefine((value, context) => {
      const problem = kurrentConnectionStringProblem(value);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
  DATA_DIR: z.string().min(1).default('./.data'),
  LOG_LEVEL: z.enum(logLevels, { error: `expected one of ${logLevels.join(', ')}` }).default('info'),
  TWITCH_CLIENT_ID: optionalText,
  TWITCH_CLIENT_SECRET: optionalText,
  TWITCH_API_BASE_URL: url('Helix base, e.g. https://api.twitch.tv/helix'),
  TWITCH_AUTH_BASE_URL: url('OAuth base, e.g. https://id.twitch.tv/oauth2'),
  TWITCH_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  TWITCH_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(300_000).default(10_000),
  CLERK_JWT_KEY: optionalText,
  CLERK_SECRET_KEY: optionalText,
  CLERK_AUTHORIZED_PARTIES: z
    .string()
    .optional()
    .transform((v) =>
      v
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : [],
    ),
  ADMIN_KEY: z.string().min(16, 'expected at least 16 characters').optional(),
  DASHBOARD_ORIGIN: url('the dashboard origin allowed by CORS'),
  DEMO_HISTORY_DAYS: z.coerce.number().int().min(0).max(730).default(90),
  DAILY_COLLECTION_CRON: z
    .string()
    .trim()
    .refine(
      (v) => validateCronExpression(v).valid,
      'expected a cron expression such as "0 2 * * *" (minute hour day month weekday, UTC)',
    )
    .default('0 2 * * *'),
  LIVE_POLL_MINUTES: z.coerce
    .number({ error: 'expected a number of minutes' })
    .int('expected a whole number')
    .min(0, 'expected 0 (off) to 60')
    .max(60, 'expected 0 (off) to 60')
    .default(5),
  COLLECTION_COOLDOWN_SECONDS: z.coerce
    .number({ error: 'expected a number of seconds' })
    .int('expected a whole number')
    .min(0)
    .max(86_400, 'expected at most 86400')
    .default(60),
  COLLECTION_JITTER_MS: z.coerce
    .number({ error: 'expected milliseconds' })
    .int('expected a whole number')
    .min(0)
    .max(60_000, 'expected at most 60000')
    .default(2_000),
  COLLECTION_RETRY_BACKOFF_MS: z.coerce
    .number({ error: 'expected milliseconds' })
    .int('expected a whole number')
    .min(0)
    .max(300_000, 'expected at most 300000')
    .default(2_000),
  CONSISTENCY_WAIT_MS: z.coerce
    .number({ error: 'expected milliseconds' })
    .int('expected a whole number')
    .min(0)
    .max(60_000, 'expected 0–60000')
    .default(10_000),
  RATE_LIMIT_PER_MINUTE: z.coerce
    .number({ error: 'expected a number of requests' })
    .int('expected a whole number')
    .min(0)
    .default(600),
  RATE_LIMIT_BURST: z.coerce
    .number({ error: 'expected a number of requests' })
    .int('expected a whole number')
    .min(1)
    .default(300),
  TOKEN_ENCRYPTION_KEY: z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return undefined;
      const key = parseTokenEncryptionKey(v);
      if (!key)
        ctx.addIssue({
          code: 'custom',
          message: 'expected 32 random bytes, as 64 hex digits or base64 (e.g. `openssl rand -base64 32`)',
        });
      return key;
    }),
  TLS_CERT_FILE: optionalText,
  TLS_KEY_FILE: optionalText,
  TWITCH_REDIRECT_URI: url(
    'where Twitch sends the browser back, e.g. https://analytics.example.com/api/twitch/callback',
  ),
});

export type RawConfig = z.infer<typeof configSchema>;

export interface AppConfig {
  port: number;
  host: string;
  logLevel: RawConfig['LOG_LEVEL'];
  dataDir: string;
  /** Unset: the embedded PostgreSQL under dataDir. */
  databaseUrl?: string;
  /** Unset: the event log lives in Postgres. */
  eventStoreConnectionString?: string;
  /** Unset: the built-in Helix simulator on loopback. */
  twitch?: { clientId: string; clientSecret: string; apiBaseUrl: string; authBaseUrl: string };
  twitchConcurrency: number;
  /** How long a Helix or OAuth request may take before it is abandoned and retried. */
  twitchTimeoutMs: number;
  /** Unset: local auth (a locally generated key pair under dataDir). */
  clerk?: { jwtKey?: string; secretKey?: string; authorizedParties: string[] };
  adminKey?: string;
  dashboardOrigin?: string;
  demoHistoryDays: number;
  /** The write side's schedules and pacing (see collection/collection-options.ts). */
  collection: {
    dailyCron: string;
    livePollMinutes: number;
    cooldownSeconds: number;
    jitterMs: number;
    retryBackoffMs: number;
  };
  /** Longest a query carrying a consistency token waits for the read model (read-your-writes). */
  consistencyWaitMs: number;
  /** Per user (or per client address on public routes): sustained requests per minute (0 = no limit) and burst. */
  rateLimit: { perMinute: number; burst: number };
  /** AES-256-GCM key for Twitch tokens at rest. Unset: a key generated under dataDir. */
  tokenEncryptionKey?: Buffer;
  /**
   * Where Twitch sends the browser back. Required with real Twitch credentials; unset with the
   * simulator: the callback on HOST and the port listened on. Never taken from a request's Host header.
   */
  twitchRedirectUri?: string;
  /** PEM files: the server then speaks HTTPS itself, and sends HSTS. */
  tls?: { certFile: string; keyFile: string };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === '' ? undefined : v]));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}${describeReceived(cleaned, i.path)}`),
    );
  }
  const c = parsed.data;
  const problems: string[] = [];
  const twitchSet = [c.TWITCH_CLIENT_ID, c.TWITCH_CLIENT_SECRET].filter(Boolean).length;
  if (twitchSet === 1)
    problems.push('TWITCH_CLIENT_ID and TWITCH_CLIENT_SECRET: set both, or neither for the built-in simulator');
  if (twitchSet === 2 && !c.TWITCH_REDIRECT_URI)
    problems.push(
      'TWITCH_REDIRECT_URI: required with TWITCH_CLIENT_ID: the callback URL registered with your Twitch application, e.g. https://analytics.example.com/api/twitch/callback',
    );
  if ([c.TLS_CERT_FILE, c.TLS_KEY_FILE].filter(Boolean).length === 1)
    problems.push('TLS_CERT_FILE and TLS_KEY_FILE: set both (PEM files) to serve HTTPS, or neither');
  if (c.CLERK_SECRET_KEY === undefined && c.CLERK_JWT_KEY === undefined && c.CLERK_AUTHORIZED_PARTIES.length > 0) {
    problems.push('CLERK_AUTHORIZED_PARTIES: needs CLERK_JWT_KEY or CLERK_SECRET_KEY');
  }
  // A session token's `azp` must always be checked: without a list, the dashboard's origin is the one party.
  const authorizedParties =
    c.CLERK_AUTHORIZED_PARTIES.length > 0
      ? c.CLERK_AUTHORIZED_PARTIES
      : c.DASHBOARD_ORIGIN
        ? [new URL(c.DASHBOARD_ORIGIN).origin]
        : [];
  if ((c.CLERK_JWT_KEY || c.CLERK_SECRET_KEY) && authorizedParties.length === 0) {
    problems.push(
      "CLERK_AUTHORIZED_PARTIES: set the origins whose Clerk session tokens are accepted (e.g. the dashboard's), or DASHBOARD_ORIGIN",
    );
  }
  if (problems.length) throw new ConfigError(problems);
  return {
    port: c.PORT,
    host: c.HOST,
    logLevel: c.LOG_LEVEL,
    dataDir: c.DATA_DIR,
    databaseUrl: c.DATABASE_URL,
    eventStoreConnectionString: c.EVENTSTORE_CONNECTION_STRING,
    twitch:
      c.TWITCH_CLIENT_ID && c.TWITCH_CLIENT_SECRET
        ? {
            clientId: c.TWITCH_CLIENT_ID,
            clientSecret: c.TWITCH_CLIENT_SECRET,
            apiBaseUrl: c.TWITCH_API_BASE_URL ?? 'https://api.twitch.tv/helix',
            authBaseUrl: c.TWITCH_AUTH_BASE_URL ?? 'https://id.twitch.tv/oauth2',
          }
        : undefined,
    twitchConcurrency: c.TWITCH_CONCURRENCY,
    twitchTimeoutMs: c.TWITCH_TIMEOUT_MS,
    clerk:
      c.CLERK_JWT_KEY || c.CLERK_SECRET_KEY
        ? { jwtKey: c.CLERK_JWT_KEY, secretKey: c.CLERK_SECRET_KEY, authorizedParties }
        : undefined,
    adminKey: c.ADMIN_KEY,
    dashboardOrigin: c.DASHBOARD_ORIGIN,
    demoHistoryDays: c.DEMO_HISTORY_DAYS,
    collection: {
      dailyCron: c.DAILY_COLLECTION_CRON,
      livePollMinutes: c.LIVE_POLL_MINUTES,
      cooldownSeconds: c.COLLECTION_COOLDOWN_SECONDS,
      jitterMs: c.COLLECTION_JITTER_MS,
      retryBackoffMs: c.COLLECTION_RETRY_BACKOFF_MS,
    },
    consistencyWaitMs: c.CONSISTENCY_WAIT_MS,
    rateLimit: { perMinute: c.RATE_LIMIT_PER_MINUTE, burst: c.RATE_LIMIT_BURST },
    tokenEncryptionKey: c.TOKEN_ENCRYPTION_KEY,
    twitchRedirectUri: c.TWITCH_REDIRECT_URI,
    tls: c.TLS_CERT_FILE && c.TLS_KEY_FILE ? { certFile: c.TLS_CERT_FILE, keyFile: c.TLS_KEY_FILE } : undefined,
  };
}

/** 32 bytes from 64 hex digits or from base64 (standard or URL-safe); undefined for anything else. */
export function parseTokenEncryptionKey(text: string): Buffer | undefined {
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) return undefined;
  const key = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return key.length === 32 ? key : undefined;
}

/** Shows what was given, except for variables that hold secrets. */
function describeReceived(env: Record<string, string | undefined>, path: PropertyKey[]): string {
  const name = String(path[0] ?? '');
  if (/SECRET|KEY|PASSWORD|URL|CONNECTION/.test(name)) return '';
  const value = env[name];
  return value === undefined ? '' : ` (got "${value}")`;
}

/** Nest injection token for the validated AppConfig. */
export const APP_CONFIG = Symbol('AppConfig');
