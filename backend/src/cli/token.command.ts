import type { Command } from 'commander';
import type { AppConfig } from '../config/app-config.js';

/** `token <userId>`: a local session token (embedded default), for curl and scripts. */
export function registerTokenCommand(program: Command, config: () => Promise<AppConfig>): void {
  program
    .command('token')
    .description('print a session token for a local user (local auth only)')
    .argument('<userId>', 'the local user, e.g. demo')
    .option('--admin', 'include the admin role claim')
    .option('--ttl <hours>', 'lifetime in hours (1–720)', '12')
    .action(async (userId: string, options: { admin?: boolean; ttl: string }) => {
      const cfg = await config();
      if (cfg.clerk) program.error('Clerk is configured: sign in through Clerk; local tokens would not be accepted');
      if (!/^[A-Za-z0-9_.-]{1,64}$/.test(userId))
        program.error('userId may contain only letters, digits, "_", "." and "-" (at most 64)');
      const hours = Number(options.ttl);
      if (!Number.isInteger(hours) || hours < 1 || hours > 720)
        program.error('--ttl must be a whole number of hours from 1 to 720');
      const { loadOrCreateLocalAuthKeys } = await import('../auth/local-auth-keys.js');
      const { issueLocalToken } = await import('../auth/local-token-issuer.js');
      const keys = await loadOrCreateLocalAuthKeys(cfg.dataDir);
      const { token } = await issueLocalToken(keys, userId, { admin: options.admin, ttlSeconds: hours * 3600 });
      process.stdout.write(`${token}\n`);
    });
}
