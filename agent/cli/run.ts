import { parseArgs } from 'node:util';
import { startAgent } from '../compose/start-agent.js';
import type { RestoreOutcome } from '../shell/act/native-restore.js';
import { withIoxEnv } from '../config/iox-env.js';
import { loadConfigFile } from '../config/load.js';
import { rotatingLogWriter } from '../adapters/rotating-log.js';
import { jsonLogger } from '../ports/logger.js';
import { cliArgs } from './cli-args.js';
import { reloadConfig } from './reload-config.js';
import { describeError } from '../../proto/coded-error.js';

const USAGE = `Usage: spokepilot run --config FILE [--dry-run]

FILE is the YAML configuration, or IOx's package_config.ini naming it (with
overrides); SPOKEPILOT_SITE, _NODE, _LOG_LEVEL, _HTTP_PORT, _SYSLOG_LISTEN,
_POLICY_MODE and _MQTT_URL in the environment override both.

Runs the agent: watches the router, decides the tunnel's peer and WAN, steers
the FlexVPN client, caches routes and keeps a journal. Logs are JSON lines on
standard output. SIGTERM or SIGINT stops it within 20 s (cancelling the current
action; with actuation.onStop: restore, every candidate is allowed again and
read back: exit 3 when that could not be verified, 0 otherwise).
SIGHUP re-reads FILE: the policy applies at once, other changes at restart.
--dry-run decides and reports but changes nothing on the router.`;

export async function runCommand(argv: string[]): Promise<number> {
  const parsed = cliArgs(
    () =>
      parseArgs({
        args: argv,
        options: { config: { type: 'string', short: 'c' }, 'dry-run': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      }),
    USAGE,
    'run',
  );
  if (!parsed) return 2;
  if (parsed.values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!parsed.values.config) {
    console.error(`spokepilot run: --config FILE is required\n\n${USAGE}`);
    return 2;
  }
  const env = withIoxEnv(process.env);
  const loaded = loadConfigFile(parsed.values.config, env);
  if (!loaded.ok) {
    console.error(`spokepilot run: ${parsed.values.config} is not valid:`);
    for (const i of loaded.issues) console.error(`  ${i.path || '(document)'}: ${i.message}`);
    return 1;
  }
  const config = loaded.config;
  if (parsed.values['dry-run']) config.policy.mode = 'dry-run';
  // IOx: JSON lines to $CAF_APP_LOG_DIR (or log.dir), size-capped and rotated; elsewhere stdout.
  const logDir = config.log.dir ?? env.CAF_APP_LOG_DIR;
  const file = logDir ? rotatingLogWriter({ dir: logDir }) : undefined;
  const log = jsonLogger(file ? (line) => file.write(line) : (line) => process.stdout.write(line), config.log.level);
  let agent;
  try {
    agent = await startAgent(config, { log, env });
  } catch (err) {
    const { code, message } = describeError(err);
    log.error('agent-start-failed', { code, error: message });
    return 1;
  }
  // SIGHUP: re-read the file; the policy applies at once. An invalid file, or any fault loading it, changes nothing.
  const reload = () =>
    reloadConfig({
      load: () => loadConfigFile(parsed.values.config!, withIoxEnv(process.env)),
      dryRun: parsed.values['dry-run'] === true,
      reload: (next) => agent.reload(next),
      log,
    });
  process.on('SIGHUP', reload);
  const restore = await new Promise<RestoreOutcome>((resolve) => {
    const stop = (signal: string) => void agent.stop(signal).then(resolve);
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  process.off('SIGHUP', reload);
  file?.close();
  // Whatever a library left running (a socket's timer, a worker) must not keep a stopped
  // agent alive: a lingering process fights its successor for the router and the client id.
  const code = restore.outcome === 'verified' || restore.outcome === 'skipped' ? 0 : EXIT_NOT_RESTORED;
  setTimeout(() => process.exit(code), EXIT_GRACE_MS).unref();
  return code;
}

/** Exit code when the agent stopped but could not show the router is back on its own configuration. */
export const EXIT_NOT_RESTORED = 3;
const EXIT_GRACE_MS = 1_000;
