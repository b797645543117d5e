import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { cliArgs } from './cli-args.js';

/** The agent's HTTP status port when neither --port nor $SPOKEPILOT_HTTP_PORT says otherwise. */
export const DEFAULT_HTTP_PORT = 8087;

const USAGE = `Usage: spokepilot health [--port N] [--timeout MS]

Asks the local agent's /healthz (http://127.0.0.1:PORT/healthz) and exits 0
when it answers 2xx, 1 otherwise: the IOx monitor script, which the package
runs as spokepilot-healthcheck (a link to this executable). The port is
--port, else $SPOKEPILOT_HTTP_PORT, else http_port in the IOx package config
($CAF_APP_CONFIG_FILE, else /data/package_config.ini), else ${DEFAULT_HTTP_PORT}.`;

export async function healthCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const parsed = cliArgs(
    () =>
      parseArgs({
        args: argv,
        options: { port: { type: 'string' }, timeout: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      }),
    USAGE,
    'health',
  );
  if (!parsed) return 2;
  if (parsed.values.help) {
    console.log(USAGE);
    return 0;
  }
  const port = Number(
    parsed.values.port ??
      env.SPOKEPILOT_HTTP_PORT ??
      packageConfigPort(env.CAF_APP_CONFIG_FILE ?? '/data/package_config.ini') ??
      DEFAULT_HTTP_PORT,
  );
  const timeoutMs = Number(parsed.values.timeout ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535 || !(timeoutMs > 0)) {
    console.error(`spokepilot health: bad --port or --timeout\n\n${USAGE}`);
    return 2;
  }
  // 127.0.0.1, not localhost: the IOx rootfs may have no /etc/hosts, and the agent listens on IPv4 loopback.
  const url = `http://127.0.0.1:${port}/healthz`;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    const body = (await res.text()).trim();
    console.log(`${url}: ${res.status} ${body.slice(0, 200)}`);
    return res.ok ? 0 : 1;
  } catch (err) {
    console.error(`${url}: ${(err as Error).message}`);
    return 1;
  }
}

/** `http_port = N` from the IOx package_config.ini (iox/package_config.ini), if the file says so. */
function packageConfigPort(file: string): string | undefined {
  try {
    return /^\s*http_port\s*=\s*(\d+)\s*$/m.exec(readFileSync(file, 'utf8'))?.[1];
  } catch {
    return undefined; // not on IOx, or no config yet
  }
}
