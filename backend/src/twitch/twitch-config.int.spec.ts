import { connectToHelix, readTwitchConfig, TWITCH_AUTH_URL, TWITCH_HELIX_URL } from './twitch-config.js';
import { must } from '../must.js';

describe('Twitch configuration', () => {
  test('without credentials there is no Twitch config', () => {
    expect(readTwitchConfig({})).toBeUndefined();
    expect(readTwitchConfig({ TWITCH_CLIENT_ID: 'x' })).toBeUndefined();
  });

  test('credentials give Twitch URLs by default, overridable, with a concurrency', () => {
    expect(readTwitchConfig({ TWITCH_CLIENT_ID: 'id', TWITCH_CLIENT_SECRET: 'secret' })).toEqual({
      helixBaseUrl: TWITCH_HELIX_URL,
      authBaseUrl: TWITCH_AUTH_URL,
      clientId: 'id',
      clientSecret: 'secret',
      concurrency: 8,
    });
    expect(
      readTwitchConfig({
        TWITCH_CLIENT_ID: 'id',
        TWITCH_CLIENT_SECRET: 's',
        TWITCH_HELIX_BASE_URL: 'http://127.0.0.1:9/helix',
        TWITCH_CONCURRENCY: '3',
      }),
    ).toMatchObject({ helixBaseUrl: 'http://127.0.0.1:9/helix', concurrency: 3 });
    expect(() =>
      readTwitchConfig({ TWITCH_CLIENT_ID: 'id', TWITCH_CLIENT_SECRET: 's', TWITCH_CONCURRENCY: '0' }),
    ).toThrow(/TWITCH_CONCURRENCY/);
  });

  test('the embedded default starts the simulator on loopback with the demo channels and points the client at it', async () => {
    const connection = await connectToHelix({ config: undefined });
    try {
      expect(connection.simulator?.helixBaseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/helix$/);
      const [demoUser] = must(connection.simulator, 'connection.simulator').world.channels;
      expect(must(connection.simulator, 'connection.simulator').world.demoUserChannelId).toBe(
        must(demoUser, 'demoUser').id,
      );
      const users = await connection.client.getUsers({ logins: ['paloma_plays', 'northwind_gg', 'lumen_arcade'] });
      expect(users).toHaveLength(3);
    } finally {
      await connection.close();
    }
  });
});
