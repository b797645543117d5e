import { readFileSync } from 'node:fs';

/**
 * On IR8x9, docker apps run as LXC and IOx puts its variables
 * (CAF_APP_PERSISTENT_DIR, CAF_APP_CONFIG_FILE, CAF_APP_LOG_DIR...) in
 * /data/.env instead of the environment (DESIGN §4). Lines are `KEY=value`,
 * optionally `export KEY="value"`. The real environment wins.
 */
export function withIoxEnv(env: NodeJS.ProcessEnv, file = '/data/.env'): NodeJS.ProcessEnv {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return env;
  }
  const fromFile: NodeJS.ProcessEnv = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (m) fromFile[m[1]!] = m[2]!.trim().replace(/^(['"])(.*)\1$/, '$2');
  }
  return { ...fromFile, ...env };
}
