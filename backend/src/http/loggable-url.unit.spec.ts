import { loggableUrl } from './loggable-url.js';

describe('loggableUrl', () => {
  it("hides the OAuth callback's code and state, keeping the parameters the API defines", () => {
    expect(loggableUrl('/api/twitch/callback?code=abc123&scope=channel%3Aread&state=v1.xyz')).toBe(
      '/api/twitch/callback?code=[redacted]&scope=channel%3Aread&state=[redacted]',
    );
  });

  it('hides every parameter outside the allow-list, whatever its name, case or encoding', () => {
    expect(loggableUrl('/x?ACCESS_TOKEN=s3cret&%74oken=t&days=30')).toBe(
      '/x?ACCESS_TOKEN=[redacted]&%74oken=[redacted]&days=30',
    );
    expect(loggableUrl('/api/analytics/overview?password=hunter2&Authorization=Bearer%20x&apiKey=k')).toBe(
      '/api/analytics/overview?password=[redacted]&Authorization=[redacted]&apiKey=[redacted]',
    );
    expect(loggableUrl('/x?%E0%A4%A=1&code')).toBe('/x?%E0%A4%A=[redacted]&code');
  });

  it('keeps the API parameters as sent', () => {
    expect(loggableUrl('/api/analytics/charts?days=90&channel=42')).toBe('/api/analytics/charts?days=90&channel=42');
    expect(loggableUrl('/api/analytics/detailed?PAGE=2&pageSize=10&%64ays=7')).toBe(
      '/api/analytics/detailed?PAGE=2&pageSize=10&%64ays=7',
    );
    expect(loggableUrl('/api/analytics/overview')).toBe('/api/analytics/overview');
  });
});
