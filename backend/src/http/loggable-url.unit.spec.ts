import { loggableUrl } from './loggable-url.js';

describe('loggableUrl', () => {
  it("hides the OAuth callback's code and state, keeping the other parameters", () => {
    expect(loggableUrl('/api/twitch/callback?code=abc123&scope=channel%3Aread&state=v1.xyz')).toBe(
      '/api/twitch/callback?code=[redacted]&scope=channel%3Aread&state=[redacted]',
    );
  });

  it('hides token parameters whatever their case or encoding', () => {
    expect(loggableUrl('/x?ACCESS_TOKEN=s3cret&%74oken=t&days=30')).toBe(
      '/x?ACCESS_TOKEN=[redacted]&%74oken=[redacted]&days=30',
    );
  });

  it('leaves URLs without secrets untouched, including malformed encodings', () => {
    expect(loggableUrl('/api/analytics/charts?days=90&channel=42')).toBe('/api/analytics/charts?days=90&channel=42');
    expect(loggableUrl('/api/analytics/overview')).toBe('/api/analytics/overview');
    expect(loggableUrl('/x?%E0%A4%A=1&code')).toBe('/x?%E0%A4%A=1&code');
  });
});
