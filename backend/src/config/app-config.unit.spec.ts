import { ConfigError, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  it('defaults to the embedded parts when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 8080, dataDir: './.data', logLevel: 'info', demoHistoryDays: 90 });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.eventStoreConnectionString).toBeUndefined();
    expect(config.twitch).toBeUndefined();
    expect(config.clerk).toBeUndefined();
  });

  it.each([
    ['PORT', 'eighty', /PORT: expected a port number \(got "eighty"\)/],
    ['PORT', '70000', /PORT: expected 0–65535/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL: expected one of fatal, error/],
    ['DATABASE_URL', 'mysql://x', /DATABASE_URL: expected a postgres:\/\/ connection URL$/m],
    [
      'EVENTSTORE_CONNECTION_STRING',
      'http://x',
      /EVENTSTORE_CONNECTION_STRING: expected a connection string the KurrentDB client parses, e\.g\. kurrentdb:\/\//,
    ],
    ['EVENTSTORE_CONNECTION_STRING', 'kurrentdb://', /EVENTSTORE_CONNECTION_STRING: expected a connection string/],
    ['ADMIN_KEY', 'short', /ADMIN_KEY: expected at least 16 characters$/m],
    ['CONSISTENCY_WAIT_MS', '90000', /CONSISTENCY_WAIT_MS: expected 0–60000/],
    ['RATE_LIMIT_PER_MINUTE', 'lots', /RATE_LIMIT_PER_MINUTE: expected a number of requests/],
    ['RATE_LIMIT_BURST', '0', /RATE_LIMIT_BURST: /],
    ['DAILY_COLLECTION_CRON', 'at two', /DAILY_COLLECTION_CRON: expected a cron expression such as "0 2 \* \* \*"/],
    ['DAILY_COLLECTION_CRON', '0 25 * * *', /DAILY_COLLECTION_CRON: expected a cron expression/],
    ['LIVE_POLL_MINUTES', 'often', /LIVE_POLL_MINUTES: expected a number of minutes/],
    ['LIVE_POLL_MINUTES', '90', /LIVE_POLL_MINUTES: expected 0 \(off\) to 60/],
    ['COLLECTION_COOLDOWN_SECONDS', '-1', /COLLECTION_COOLDOWN_SECONDS: /],
    ['COLLECTION_JITTER_MS', '1.5', /COLLECTION_JITTER_MS: expected a whole number/],
  ])('rejects %s=%s naming the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('accepts the connection strings the KurrentDB client parses', () => {
    for (const value of ['kurrentdb://127.0.0.1:2113?tls=false', 'kurrentdb+discover://a:2113,b:2113', 'kdb://h:2113'])
      expect(loadConfig({ EVENTSTORE_CONNECTION_STRING: value }).eventStoreConnectionString).toBe(value);
  });

  it('schedules the daily collection at 02:00 UTC and polls live channels every 5 minutes by default', () => {
    expect(loadConfig({}).collection).toEqual({
      dailyCron: '0 2 * * *',
      livePollMinutes: 5,
      cooldownSeconds: 60,
      jitterMs: 2_000,
      retryBackoffMs: 2_000,
    });
    expect(loadConfig({ DAILY_COLLECTION_CRON: '30 4 * * 1-5', LIVE_POLL_MINUTES: '0' }).collection).toMatchObject({
      dailyCron: '30 4 * * 1-5',
      livePollMinutes: 0,
    });
  });

  it('never echoes a secret value in its message', () => {
    expect(() => loadConfig({ ADMIN_KEY: 'hunter2' })).not.toThrow(/hunter2/);
  });

  it('needs both Twitch credentials or neither', () => {
    expect(() => loadConfig({ TWITCH_CLIENT_ID: 'abc' })).toThrow(/TWITCH_CLIENT_ID and TWITCH_CLIENT_SECRET/);
    const config = loadConfig({
      TWITCH_CLIENT_ID: 'abc',
      TWITCH_CLIENT_SECRET: 'def',
      TWITCH_REDIRECT_URI: 'https://a.example/api/twitch/callback',
    });
    expect(config.twitch).toEqual({
      clientId: 'abc',
      clientSecret: 'def',
      apiBaseUrl: 'https://api.twitch.tv/helix',
      authBaseUrl: 'https://id.twitch.tv/oauth2',
    });
  });

  it('needs TWITCH_REDIRECT_URI with real Twitch credentials: the redirect never follows a Host header', () => {
    expect(() => loadConfig({ TWITCH_CLIENT_ID: 'abc', TWITCH_CLIENT_SECRET: 'def' })).toThrow(
      /TWITCH_REDIRECT_URI: required with TWITCH_CLIENT_ID/,
    );
    expect(loadConfig({}).twitchRedirectUri).toBeUndefined();
  });

  it('serves HTTPS with both TLS files, refusing one alone', () => {
    expect(() => loadConfig({ TLS_CERT_FILE: '/x/cert.pem' })).toThrow(/TLS_CERT_FILE and TLS_KEY_FILE: set both/);
    expect(loadConfig({ TLS_CERT_FILE: '/x/cert.pem', TLS_KEY_FILE: '/x/key.pem' }).tls).toEqual({
      certFile: '/x/cert.pem',
      keyFile: '/x/key.pem',
    });
    expect(loadConfig({}).tls).toBeUndefined();
  });

  it('reads TOKEN_ENCRYPTION_KEY as 32 bytes in hex or base64, never echoing it', () => {
    const key = Buffer.from(Array.from({ length: 32 }, (_, i) => i * 7));
    expect(loadConfig({ TOKEN_ENCRYPTION_KEY: key.toString('hex') }).tokenEncryptionKey).toEqual(key);
    expect(loadConfig({ TOKEN_ENCRYPTION_KEY: key.toString('base64') }).tokenEncryptionKey).toEqual(key);
    expect(loadConfig({ TOKEN_ENCRYPTION_KEY: key.toString('base64url') }).tokenEncryptionKey).toEqual(key);
    expect(loadConfig({}).tokenEncryptionKey).toBeUndefined();
    const short = key.subarray(0, 16).toString('base64');
    expect(() => loadConfig({ TOKEN_ENCRYPTION_KEY: short })).toThrow(/TOKEN_ENCRYPTION_KEY: expected 32 random bytes/);
    expect(() => loadConfig({ TOKEN_ENCRYPTION_KEY: short })).not.toThrow(short);
    expect(() => loadConfig({ TWITCH_REDIRECT_URI: 'not a url' })).toThrow(/TWITCH_REDIRECT_URI: expected a URL/);
    expect(loadConfig({ TWITCH_REDIRECT_URI: 'https://a.example/api/twitch/callback' }).twitchRedirectUri).toBe(
      'https://a.example/api/twitch/callback',
    );
  });

  it("reads the query side's wait and rate limits, with defaults", () => {
    expect(loadConfig({})).toMatchObject({ consistencyWaitMs: 10_000, rateLimit: { perMinute: 600, burst: 300 } });
    expect(
      loadConfig({ CONSISTENCY_WAIT_MS: '2500', RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_BURST: '5' }),
    ).toMatchObject({
      consistencyWaitMs: 2500,
      rateLimit: { perMinute: 0, burst: 5 },
    });
  });

  it('always checks the authorized party with Clerk: the dashboard origin when no list is given, else start fails', () => {
    expect(
      loadConfig({ CLERK_JWT_KEY: 'pem', DASHBOARD_ORIGIN: 'https://dash.example/' }).clerk?.authorizedParties,
    ).toEqual(['https://dash.example']);
    expect(() => loadConfig({ CLERK_SECRET_KEY: 'sk_test' })).toThrow(
      /CLERK_AUTHORIZED_PARTIES: set the origins whose Clerk session tokens are accepted/,
    );
  });

  it('reads Clerk settings and the authorized parties list', () => {
    const config = loadConfig({
      CLERK_JWT_KEY: 'pem',
      CLERK_AUTHORIZED_PARTIES: 'https://a.example, https://b.example',
    });
    expect(config.clerk).toEqual({
      jwtKey: 'pem',
      secretKey: undefined,
      authorizedParties: ['https://a.example', 'https://b.example'],
    });
  });
});
