/**
 * A request URL as it may be logged: the values of query parameters that carry credentials are
 * replaced. Twitch's OAuth callback brings a single-use authorization code and our signed state in
 * the query string; a leaked code can be exchanged for the user's tokens until it is used.
 */
const SECRET_PARAMETERS = new Set([
  'code',
  'state',
  'access_token',
  'refresh_token',
  'id_token',
  'token',
  'client_secret',
]);

export function loggableUrl(url: string): string {
  const query = url.indexOf('?');
  if (query < 0) return url;
  const parts = url
    .slice(query + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        // a malformed name is logged as sent
      }
      return eq >= 0 && SECRET_PARAMETERS.has(decoded.toLowerCase()) ? `${name}=[redacted]` : pair;
    });
  return `${url.slice(0, query)}?${parts.join('&')}`;
}
