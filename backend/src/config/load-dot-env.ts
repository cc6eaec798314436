/** Reads `.env` from the working directory when there is one; variables already set win. */
import { existsSync } from 'node:fs';

export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}
