/**
 * EVENTSTORE_CONNECTION_STRING is accepted only if @kurrent/kurrentdb-client parses it: the check
 * is the client's own parser (the one `KurrentDBClient.connectionString` runs), so configuration
 * and client never disagree. Schemes: kurrentdb://, kurrent://, kdb:// (each also +discover), and
 * the deprecated esdb:// (the client warns about it). The package does not export its parser; it
 * has no `exports` map, so the file is required by its path, and only when a connection string is
 * configured: it loads gRPC, which every CLI command (even `token`) would otherwise wait for.
 */
import { createRequire } from 'node:module';

type ParseConnectionString = (value: string) => unknown;
const require = createRequire(import.meta.url);

/** Why the client would refuse the string, or undefined when it parses. */
export function kurrentConnectionStringProblem(value: string): string | undefined {
  const { parseConnectionString } = require('@kurrent/kurrentdb-client/dist/Client/parseConnectionString.js') as {
    parseConnectionString: ParseConnectionString;
  };
  try {
    parseConnectionString(value);
    return undefined;
  } catch (error) {
    return `expected a connection string the KurrentDB client parses, e.g. kurrentdb://host:2113?tls=false (${error instanceof Error ? error.message : String(error)})`;
  }
}
