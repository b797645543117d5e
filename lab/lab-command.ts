import { existsSync, readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { labDataPath } from './lab-data.js';
import { loadScenario } from './scenario/load.js';
import { playScenario } from './scenario/runner.js';
import { startLabSpoke } from './spoke.js';
import { ScaledClock } from './world/clock.js';

const USAGE = `Usage: spokepilot lab [--scenario FILE|NAME] [--ssh-port P] [--user U --password W]
                      [--syslog HOST:PORT] [--speed X] [--seed N]

Runs a simulated FlexVPN spoke (an IOS twin) reachable over SSH: by default
ssh admin@127.0.0.1 -p 2222 (password admin). With --scenario it plays a
timeline of faults and prints what the router did, then stops at the end.
Shipped scenarios: primary-wan-loss, hub1-dies, hub1-returns, flapping-wan,
brownout, both-wans-down, route-injection (lab/scenarios/NAME.yaml).
--speed 10 runs lab time ten times faster than real time.`;

export function scenarioPath(nameOrFile: string): string {
  if (existsSync(nameOrFile)) return nameOrFile;
  const bundled = labDataPath(`scenarios/${nameOrFile}.yaml`);
  if (/^[a-z0-9-]+$/.test(nameOrFile) && existsSync(bundled)) return bundled;
  throw new Error(`no scenario "${nameOrFile}": give a file, or one of ${scenarioNames().join(', ')}`);
}

/** The scenarios that ship with the lab. */
export function scenarioNames(): string[] {
  try {
    return readdirSync(labDataPath('scenarios/')).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)).sort();
  } catch {
    return [];
  }
}

export async function labCommand(argv: string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: {
        scenario: { type: 'string' }, 'ssh-port': { type: 'string', default: '2222' }, user: { type: 'string', default: 'admin' },
        password: { type: 'string', default: 'admin' }, syslog: { type: 'string' }, speed: { type: 'string', default: '1' },
        seed: { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (err) {
    console.error(`spokepilot lab: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) { console.log(USAGE); return 0; }
  const port = Number(values['ssh-port']);
  const speed = Number(values.speed);
  if (!Number.isInteger(port) || port < 0 || port > 65535) { console.error(`spokepilot lab: --ssh-port must be 0-65535, not "${values['ssh-port']}"`); return 2; }
  if (!(speed > 0) || speed > 10_000) { console.error(`spokepilot lab: --speed must be a number above 0, not "${values.speed}"`); return 2; }
  let syslog: { host: string; port: number } | undefined;
  if (values.syslog) {
    const m = /^(.+):(\d{1,5})$/.exec(values.syslog);
    if (!m) { console.error(`spokepilot lab: --syslog must be HOST:PORT, not "${values.syslog}"`); return 2; }
    syslog = { host: m[1]!, port: Number(m[2]) };
  }
  let scenario;
  if (values.scenario) {
    try {
      scenario = await loadScenario(scenarioPath(values.scenario));
    } catch (err) {
      console.error(`spokepilot lab: ${(err as Error).message}`);
      return 2;
    }
  }
  const seed = values.seed !== undefined ? Number(values.seed) : scenario?.seed ?? 1;
  const clock = new ScaledClock(speed);
  let spoke;
  try {
    spoke = await startLabSpoke({
      clock, seed, sshPort: port, users: [{ username: values.user!, password: values.password!, privilege: 15 }], ...(syslog ? { syslog } : {}),
    });
  } catch (err) {
    clock.clearAll();
    const e = err as NodeJS.ErrnoException;
    console.error(`spokepilot lab: cannot listen on port ${port}: ${e.code === 'EADDRINUSE' ? 'already in use (pick another with --ssh-port)' : e.message}`);
    return 1;
  }
  console.log(`${spoke.router.hostname()}: ssh ${values.user}@127.0.0.1 -p ${spoke.ssh.port}  (host key ${spoke.ssh.fingerprint}), speed ${speed}x`);
  if (!scenario) {
    await new Promise<void>((resolve) => { process.once('SIGINT', resolve); process.once('SIGTERM', resolve); });
    await spoke.stop();
    clock.clearAll();
    return 0;
  }
  console.log(`scenario ${scenario.name}: ${scenario.description ?? ''}`.trim());
  const run = await playScenario(spoke.router, clock, scenario, { onLine: (line) => console.log(line) }).done;
  await spoke.stop();
  clock.clearAll();
  for (const c of run.outcome.clients) {
    console.log(`end of ${run.scenario}: FlexVPN ${c.name} ${c.phase}${c.peer ? `, peer ${c.peer}` : ''}${c.source ? ` via ${c.source}` : ''}`);
  }
  if (run.unmet.length > 0) console.log(`differs from the expected IOS-native outcome: ${run.unmet.join('; ')}`);
  return 0;
}
