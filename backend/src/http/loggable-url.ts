/**
 * A request URL as it may be logged: only the query parameters the API itself defines are logged
 * with their values; every other parameter's value is replaced. An allow-list, not a deny-list:
 * the OAuth callback brings a single-use code and our signed state, and a client may put anything
 * in a URL (`?password=…`, `?Authorization=…`), none of which a log should keep.
 */
const LOGGED_PARAMETERS = new Set([
  // analytics and export queries (analytics/analytics-query.dto.ts)
  'channel',
  'days',
  'page',
  'pagesize',
  'period',
  'periods',
  'limit',
  'window',
  'job',
  'dataset',
  'format',
  // read-your-writes (a job id and a log position, no secret)
  'consistencytoken',
  // Twitch link: connect's redirect switch; the dashboard's outcome; Twitch's refusal and scopes
  'redirect',
  'twitch',
  'reason',
  'error',
  'scope',
]);

export function loggableUrl(url: string): string {
  const query = url.indexOf('?');
  if (query < 0) return url;
  const parts = url
    .slice(query + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      const name = pair.slice(0, eq);
      let decoded: string | undefined;
      try {
        decoded = decodeURIComponent(name.replace(/\+/g, ' ')).toLowerCase();
      } catch {
        // a malformed name is not one of ours: its value is hidden
      }
      return decoded !== undefined && LOGGED_PARAMETERS.has(decoded) ? pair : `${name}=[redacted]`;
    });
  return `${url.slice(0, query)}?${parts.join('&')}`;
}
