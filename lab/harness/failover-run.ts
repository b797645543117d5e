import { join } from 'node:path';
import { startAgent, type RunningAgent } from '../../agent/compose.js';
import type { AgentConfig } from '../../agent/config/types.js';
import type { Decision } from '../../agent/core/policy/types.js';
import { silentLogger, type Logger } from '../../agent/ports/logger.js';
import { playScenario, type ScenarioRun } from '../scenario/runner.js';
import type { Scenario } from '../scenario/schema.js';
import { startLabSpoke, type LabSpoke } from '../spoke.js';
import { ScaledClock } from '../world/clock.js';
import { labAgentConfig } from './agent-config.js';
import { freeUdpPort } from './free-port.js';
import { agentClockFrom } from './clock-bridge.js';
import { PathMeter, type PathFigures } from './path-meter.js';

export type FailoverMode = 'ios' | 'agent';

export interface FailoverRunOptions {
  scenario: Scenario;
  mode: FailoverMode;
  /** Lab seconds per real second. */
  speed: number;
  /** Where the agent keeps its database. */
  workDir: string;
  policy?: Partial<AgentConfig['policy']>;
  /** The agent publishes to this broker. */
  mqttUrl?: string;
  commandKeys?: { id: string; publicKey: string }[];
  log?: Logger;
  onLine?: (line: string) => void;
  onDecision?: (d: Decision) => void;
  /** Called once the agent is running (the demo shows its state live). */
  onAgent?: (agent: RunningAgent, spoke: LabSpoke) => void;
}

export interface FailoverResult extends PathFigures {
  scenario: string;
  mode: FailoverMode;
  run: ScenarioRun;
  decisions: Decision[];
  /** Observation in to configuration command out, ms. */
  decisionLatenciesMs: readonly number[];
}

/**
 * Plays a scenario on a lab spoke over real SSH, with the agent steering it
 * (`agent`) or with IOS alone (`ios`), and measures from the world's ground
 * truth how the tunnel fared.
 */
export async function runFailover(o: FailoverRunOptions): Promise<FailoverResult> {
  const clock = new ScaledClock(o.speed);
  const spoke = await startLabSpoke({ clock, seed: o.scenario.seed ?? 1, users: [{ username: 'agent', password: 'agent', privilege: 15 }] });
  const config = labAgentConfig(spoke.router.world, {
    sshPort: spoke.ssh.port, hostKeySha256: spoke.ssh.fingerprint, dbPath: join(o.workDir, `${o.scenario.name}-${o.mode}.db`),
    syslogPort: await freeUdpPort(), ...(o.policy ? { policy: o.policy } : {}), ...(o.mqttUrl ? { mqttUrl: o.mqttUrl } : {}), ...(o.commandKeys ? { commandKeys: o.commandKeys } : {}),
  });
  const meter = new PathMeter(spoke.router, config.policy.fail);
  const decisions: Decision[] = [];
  let agent: RunningAgent | undefined;
  let sampling = true;
  try {
    if (o.mode === 'agent') {
      spoke.router.configure(`logging host 127.0.0.1 transport udp port ${config.syslog.listen!.split(':')[1]}`);
      agent = await startAgent(config, { log: o.log ?? silentLogger, clock: agentClockFrom(clock) });
      agent.runtime.onDecision((d) => { decisions.push(d); o.onDecision?.(d); });
      o.onAgent?.(agent, spoke);
    }
    const start = clock.now();
    const sample = () => {
      if (!sampling) return;
      meter.sample(clock.now());
      clock.setTimer(1000, sample);
    };
    sample();
    const run = await playScenario(spoke.router, clock, o.scenario, { ...(o.onLine ? { onLine: o.onLine } : {}) }).done;
    sampling = false;
    const faultAt = start + (o.scenario.actions[0]?.atSec ?? 0) * 1000;
    const latencies = agent ? [...agent.runtime.metrics.latencySamples] : [];
    return {
      scenario: o.scenario.name, mode: o.mode, run, decisions, decisionLatenciesMs: latencies,
      ...meter.figures(faultAt, start + o.scenario.durationSec * 1000),
    };
  } finally {
    sampling = false;
    await agent?.stop('scenario over', 5000);
    await spoke.stop();
    clock.clearAll();
  }
}
