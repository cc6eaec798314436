/**
 * EVENTSTORE_CONNECTION_STRING is accepted only if @kurrent/kurrentdb-client parses it: the check
 * is the client's own parser (the one `KurrentDBClient.connectionString` runs), so configuration
 * and client never disagree. Schemes: kurrentdb://, kurrent://, kdb:// (each also +discover), and
 * the deprecated esdb:// (the client warns about it). The package does not export its parser; it
 * has no `exports` map, so the file is imported by its path.
 */
import { parseConnectionString } from '@kurrent/kurrentdb-client/dist/Client/parseConnectionString.js';

/** Why the client would refuse the string, or undefined when it parses. */
export function kurrentConnectionStringProblem(value: string): string | undefined {
  try {
    parseConnectionString(value);
    return undefined;
  } catch (error) {
    return `expected a connection string the KurrentDB client parses, e.g. kurrentdb://host:2113?tls=false (${error instanceof Error ? error.message : String(error)})`;
  }
}
