import { existsSync, readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { labDataPath } from './lab-data.js';
import { loadScenario } from './scenario/load.js';
import { playScenario } from './scenario/runner.js';
import { startLabSpoke } from './spoke.js';
import { ScaledClock } from './world/clock.js';
import { defaultWorldSpec } from './world/default-world.js';
import { dualCloudWorldSpec } from './world/dual-cloud-world.js';
import { World } from './world/world.js';
import type { LabTopology } from './router/options.js';
import type { LabRouter } from './router/index.js';
import { labBanner } from './lab-banner.js';
import { defaultHostKeyPath, persistentHostKey } from './ssh/persistent-host-key.js';

const USAGE = `Usage: spokepilot lab [--scenario FILE|NAME] [--ssh-port P] [--user U --password W]
                      [--syslog HOST:PORT] [--speed X] [--seed N] [--host-key FILE]
                      [--topology failover|dual-cloud]
       spokepilot lab --print-agent-config [same options]

Runs a simulated FlexVPN spoke (an IOS twin) reachable over SSH: by default
ssh admin@127.0.0.1 -p 2222 (password admin). At start it prints what it
simulates: client, hubs, WANs, tracks, IP SLA operations, syslog destination.
With --scenario it plays a timeline of faults and prints what the router did,
then stops at the end. Shipped scenarios: primary-wan-loss, hub1-dies,
hub1-returns, flapping-wan, brownout, both-wans-down, route-injection
(lab/scenarios/NAME.yaml). --speed 10 runs lab time ten times faster.
--topology dual-cloud simulates Cisco's other redundant-hub design instead:
Tunnel1 and Tunnel2 up to hub1 and hub2 at all times, iBGP to both with
fall-over, and NHRP shortcuts to a second spoke (10.20.13.0/24); its
scenarios are lab/scenarios/dual-cloud/ (dual-cloud-hub1-brownout,
dual-cloud-hub1-dies, ...), and it ends by saying which hub each direction
uses.

--print-agent-config prints an agent configuration (YAML) for the lab as the
same options start it, and exits: spokepilot config check FILE --router and
spokepilot run --config FILE accept it (dual-cloud: once the probes and
route-maps spokepilot config ios FILE prints are pasted into the lab). The router's RSA host key persists
in --host-key FILE (default ${defaultHostKeyPath()}), so the
fingerprint the configuration pins holds from one run to the next.`;

/** Where a topology's shipped scenarios are: the failover design's at the top, dual-cloud's in their own folder. */
const scenarioFolder = (topology: LabTopology) => (topology === 'dual-cloud' ? 'scenarios/dual-cloud/' : 'scenarios/');

export function scenarioPath(nameOrFile: string, topology: LabTopology = 'failover'): string {
  if (existsSync(nameOrFile)) return nameOrFile;
  const bundled = labDataPath(`${scenarioFolder(topology)}${nameOrFile}.yaml`);
  if (/^[a-z0-9-]+$/.test(nameOrFile) && existsSync(bundled)) return bundled;
  throw new Error(`no ${topology} scenario "${nameOrFile}": give a file, or one of ${scenarioNames(topology).join(', ')}`);
}

/** The scenarios that ship with the lab for a topology. */
export function scenarioNames(topology: LabTopology = 'failover'): string[] {
  try {
    return readdirSync(labDataPath(scenarioFolder(topology)))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => f.slice(0, -5))
      .sort();
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
        scenario: { type: 'string' },
        'ssh-port': { type: 'string', default: '2222' },
        user: { type: 'string', default: 'admin' },
        password: { type: 'string', default: 'admin' },
        syslog: { type: 'string' },
        speed: { type: 'string', default: '1' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        'host-key': { type: 'string' },
        'print-agent-config': { type: 'boolean' },
        topology: { type: 'string', default: 'failover' },
      },
    }).values;
  } catch (err) {
    console.error(`spokepilot lab: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const port = Number(values['ssh-port']);
  const speed = Number(values.speed);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`spokepilot lab: --ssh-port must be 0-65535, not "${values['ssh-port']}"`);
    return 2;
  }
  if (!(speed > 0) || speed > 10_000) {
    console.error(`spokepilot lab: --speed must be a number above 0, not "${values.speed}"`);
    return 2;
  }
  const topology = values.topology;
  if (topology !== 'failover' && topology !== 'dual-cloud') {
    console.error(`spokepilot lab: --topology must be failover or dual-cloud, not "${topology}"`);
    return 2;
  }
  let syslog: { host: string; port: number } | undefined;
  if (values.syslog) {
    const m = /^(.+):(\d{1,5})$/.exec(values.syslog);
    if (!m) {
      console.error(`spokepilot lab: --syslog must be HOST:PORT, not "${values.syslog}"`);
      return 2;
    }
    syslog = { host: m[1]!, port: Number(m[2]) };
  }
  let hostKey;
  try {
    hostKey = await persistentHostKey(values['host-key'] ?? defaultHostKeyPath());
  } catch (err) {
    console.error(`spokepilot lab: host key ${values['host-key'] ?? defaultHostKeyPath()}: ${(err as Error).message}`);
    return 1;
  }
  if (values['print-agent-config']) {
    if (port === 0) {
      console.error('spokepilot lab: --print-agent-config needs a fixed --ssh-port (not 0) for the agent to reach');
      return 2;
    }
    // Loaded here only: it brings the agent's config validation (ajv), which nothing else in `lab` needs.
    const { agentConfigYaml } = await import('./lab-agent-config.js');
    process.stdout.write(
      agentConfigYaml(new World(topology === 'dual-cloud' ? dualCloudWorldSpec() : defaultWorldSpec()), topology, {
        sshPort: port,
        user: values.user!,
        password: values.password!,
        fingerprint: hostKey.fingerprint,
        ...(syslog ? { syslog } : {}),
      }),
    );
    return 0;
  }
  let scenario;
  if (values.scenario) {
    try {
      scenario = await loadScenario(scenarioPath(values.scenario, topology));
    } catch (err) {
      console.error(`spokepilot lab: ${(err as Error).message}`);
      return 2;
    }
  }
  const seed = values.seed !== undefined ? Number(values.seed) : (scenario?.seed ?? 1);
  const clock = new ScaledClock(speed);
  let spoke;
  try {
    spoke = await startLabSpoke({
      clock,
      seed,
      topology,
      sshPort: port,
      hostKey: hostKey.privateKey,
      users: [{ username: values.user!, password: values.password!, privilege: 15 }],
      ...(syslog ? { syslog } : {}),
    });
  } catch (err) {
    clock.clearAll();
    const e = err as NodeJS.ErrnoException;
    console.error(
      `spokepilot lab: cannot listen on port ${port}: ${e.code === 'EADDRINUSE' ? 'already in use (pick another with --ssh-port)' : e.message}`,
    );
    return 1;
  }
  for (const line of labBanner(spoke.router, {
    user: values.user!,
    password: values.password!,
    host: spoke.ssh.host,
    port: spoke.ssh.port,
    fingerprint: spoke.ssh.fingerprint,
    speed,
  }))
    console.log(line);
  if (!scenario) {
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await spoke.stop();
    clock.clearAll();
    return 0;
  }
  console.log(`scenario ${scenario.name}: ${scenario.description ?? ''}`.trim());
  const run = await playScenario(spoke.router, clock, scenario, { onLine: (line) => console.log(line) }).done;
  await spoke.stop();
  clock.clearAll();
  if (topology === 'dual-cloud') console.log(`end of ${run.scenario}: ${await dualCloudEnd(spoke.router)}`);
  for (const c of run.outcome.clients) {
    console.log(
      `end of ${run.scenario}: FlexVPN ${c.name} ${c.phase}${c.peer ? `, peer ${c.peer}` : ''}${c.source ? ` via ${c.source}` : ''}`,
    );
  }
  if (run.unmet.length > 0) console.log(`differs from the expected IOS-native outcome: ${run.unmet.join('; ')}`);
  return 0;
}

/** Where the spoke's traffic goes at the end of a dual-cloud scenario, each way. */
async function dualCloudEnd(router: LabRouter): Promise<string> {
  // Loaded here only: it reads the BGP table through the agent's parser.
  const { dualCloudDirections } = await import('./harness/dual-cloud-meter.js');
  const d = dualCloudDirections(router);
  return `outbound through ${d.outbound ?? 'no hub'}, return through ${d.return ?? 'no hub'}`;
}
