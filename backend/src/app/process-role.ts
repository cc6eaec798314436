/**
 * What an `npm start` process does: `all` (the default: API, dashboard, collection and projector),
 * `api` (everything but the projector) or `projector` (only the projector: it keeps the read tables
 * current, serves no HTTP and collects nothing). Chosen with `--role <role>` (or `ROLE`); the
 * projector can then be restarted, with new projection code, without touching the API.
 */
export const processRoles = ['all', 'api', 'projector'] as const;
export type ProcessRole = (typeof processRoles)[number];

export class RoleError extends Error {}

/** The role from `--role X` / `--role=X` in argv, else the ROLE variable, else `all`. */
export function parseRole(argv: readonly string[], env: Record<string, string | undefined>): ProcessRole {
  let value: string | undefined = env.ROLE === '' ? undefined : env.ROLE;
  let from = 'ROLE';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--role') {
      value = argv[i + 1];
      from = '--role';
      i++;
    } else if (arg.startsWith('--role=')) {
      value = arg.slice('--role='.length);
      from = '--role';
    } else {
      throw new RoleError(`Unknown argument "${arg}": npm start takes only --role <${processRoles.join('|')}>`);
    }
  }
  if (value === undefined) {
    if (from === '--role') throw new RoleError(`--role needs a value: ${processRoles.join(', ')}`);
    return 'all';
  }
  if (!(processRoles as readonly string[]).includes(value))
    throw new RoleError(`${from}: expected one of ${processRoles.join(', ')}, got "${value}"`);
  return value as ProcessRole;
}
