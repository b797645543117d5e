import { join } from 'node:path';

export const DB_FILE = 'spokepilot.db';

/**
 * Where the agent's database is: `--db`, else `SPOKEPILOT_DB`, else the IOx
 * persistent directory (`CAF_APP_PERSISTENT_DIR`), else `./data`.
 */
export function resolveDbPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return flag;
  if (env.SPOKEPILOT_DB) return env.SPOKEPILOT_DB;
  if (env.CAF_APP_PERSISTENT_DIR) return join(env.CAF_APP_PERSISTENT_DIR, DB_FILE);
  return join('data', DB_FILE);
}
