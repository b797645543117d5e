/**
 * The dual-cloud bench's agent arm over real SSH at a scaled clock (the
 * failover bench's SSH sample does the same for its design): the lab's
 * dual-cloud spoke behind its SSH server, the operator's paste sent over SSH,
 * the agent at the bench's configuration reaching the router only through
 * SSH, and the same ground-truth meter as the manual-clock runs
 * (lab/harness/dual-cloud-meter.ts). Host timing moves the draws, so only
 * medians over a few seeds compare with the in-process runs.
 */
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startAgent, type RunningAgent } from '../../agent/compose/start-agent.js';
import { silentLogger } from '../../agent/ports/logger.js';
import { playScenario } from '../scenario/runner.js';
import { DEFAULT_SERVICE_LEVEL, type Scenario } from '../scenario/schema.js';
import { startLabSpoke } from '../spoke.js';
import { ScaledClock } from '../world/clock.js';
import { agentClockFrom } from './clock-bridge.js';
import { dualCloudSpokeLines } from './dual-cloud-agent-config.js';
import { DualCloudMeter, SAMPLE_MS } from './dual-cloud-meter.js';
import { DUAL_CLOUD_AGENT_TRACKS, TRACKS_SETTLE_MS, dualCloudBenchConfig, type DualCloudFigures } from './dual-cloud-run.js';
import { baselineConfig } from './arms.js';
import { freeUdpPort } from './free-port.js';
import { labSshCli } from './lab-ssh-cli.js';

/** Lab time before the scenario starts, as in the manual-clock runs: sessions up, probes judged. */
const WARM_UP_MS = 120_000;

export async function runDualCloudAgentOverSsh(o: {
  scenario: Scenario;
  seed: number;
  /** Lab seconds per real second. */
  speed: number;
  workDir: string;
}): Promise<DualCloudFigures> {
  const level = o.scenario.serviceLevel ?? DEFAULT_SERVICE_LEVEL;
  const clock = new ScaledClock(o.speed);
  const spoke = await startLabSpoke({
    clock,
    seed: o.seed,
    topology: 'dual-cloud',
    users: [{ username: 'agent', password: 'agent', privilege: 15 }],
  });
  const syslogPort = await freeUdpPort();
  const config = dualCloudBenchConfig(spoke.router.world, level, join(o.workDir, `${o.scenario.name}-agent-ssh-${o.seed}.db`), {
    port: spoke.ssh.port,
    hostKeySha256: spoke.ssh.fingerprint,
    syslogPort,
  });
  const cli = labSshCli(spoke.ssh, { username: 'agent', password: 'agent' });
  let agent: RunningAgent | undefined;
  let sampling = true;
  try {
    await cli.configure(dualCloudSpokeLines(config));
    await cli.configure(iosLines(baselineConfig(DUAL_CLOUD_AGENT_TRACKS, level)));
    // The router's syslog to the agent's listener, as `config ios` asks: it wakes the agent's reads.
    await cli.configure([`logging host 127.0.0.1 transport udp port ${syslogPort}`]);
    await cli.exec('clear ip bgp * soft');
    await cli.close();
    // As the in-process agent arm: the tuned router's tracks up before the agent starts.
    await sleep(TRACKS_SETTLE_MS / o.speed);
    agent = await startAgent(config, { log: silentLogger, clock: agentClockFrom(clock) });
    await sleep(WARM_UP_MS / o.speed);
    const meter = new DualCloudMeter(spoke.router, o.scenario, level);
    const start = clock.now();
    const sample = () => {
      if (!sampling) return;
      meter.sample(clock.now());
      clock.setTimer(sample, SAMPLE_MS);
    };
    clock.setTimer(sample, 500);
    await playScenario(spoke.router, clock, o.scenario, {}).done;
    sampling = false;
    return { scenario: o.scenario.name, arm: 'agent', seed: o.seed, ...meter.figures(start) };
  } finally {
    sampling = false;
    await agent?.stop('scenario over', 5000);
    await cli.close().catch(() => undefined);
    await spoke.stop();
    clock.clearAll();
  }
}

/** A baseline's configuration lines, comments dropped. */
export const iosLines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('!'));
