import { join } from 'node:path';
import { startAgent, type RunningAgent } from '../../agent/compose/start-agent.js';
import { worldPresence } from './world-presence.js';
import type { AgentConfig } from '../../agent/config/types.js';
import type { Decision } from '../../agent/core/policy/types.js';
import { silentLogger, type Logger } from '../../agent/ports/logger.js';
import { playScenario, type ScenarioRun } from '../scenario/runner.js';
import type { Scenario } from '../scenario/schema.js';
import { startLabSpoke, type LabSpoke } from '../spoke.js';
import { ScaledClock } from '../world/clock.js';
import { benchAgentConfig, labAgentConfig } from './agent-config.js';
import { baselineConfig, type Arm } from './arms.js';
import { preferenceOf } from './arm-run.js';
import { DEFAULT_SERVICE_LEVEL, faultOf, type ServiceLevel } from '../scenario/schema.js';
import { freeUdpPort } from './free-port.js';
import { agentClockFrom } from './clock-bridge.js';
import { PathMeter, type PathFigures } from './path-meter.js';

export type FailoverMode = 'ios' | 'agent';

export interface FailoverRunOptions {
  scenario: Scenario;
  mode: FailoverMode;
  /**
   * A failover-bench arm instead of the lab's own setup: its baseline router
   * configuration, the agent (if the arm has one) at its shipped defaults, and
   * the scenario's service level as ground truth. The bench's sample over real SSH.
   */
  arm?: Arm;
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

/** What the lab's own setup calls working: the thresholds its tuned agent fails a path at. */
const LAB_LEVEL: ServiceLevel = { lossPct: 20, latencyMs: 250, jitterMs: 60 };

/**
 * Plays a scenario on a lab spoke over real SSH, with the agent steering it
 * (`agent`) or with IOS alone (`ios`), and measures from the world's ground
 * truth how the tunnel fared.
 */
export async function runFailover(o: FailoverRunOptions): Promise<FailoverResult> {
  const clock = new ScaledClock(o.speed);
  const seed = o.scenario.seed ?? 1;
  const level: ServiceLevel = o.arm ? (o.scenario.serviceLevel ?? DEFAULT_SERVICE_LEVEL) : LAB_LEVEL;
  const spoke = await startLabSpoke({
    clock,
    seed,
    users: [{ username: 'agent', password: 'agent', privilege: 15 }],
    ...(o.arm ? { config: baselineConfig(o.arm.baseline, level) } : {}),
  });
  const ssh = { port: spoke.ssh.port, hostKeySha256: spoke.ssh.fingerprint };
  // An arm's runs are per seed: a database left by another seed must not carry its journal over.
  const dbPath = join(o.workDir, o.arm ? `${o.scenario.name}-${o.arm.name}-ssh-${seed}.db` : `${o.scenario.name}-${o.mode}.db`);
  const syslogPort = await freeUdpPort();
  const config = o.arm
    ? benchAgentConfig(spoke.router.world, level, { dbPath, ssh, syslogPort, routerSlas: spoke.router.model.config.slas.values() })
    : labAgentConfig(spoke.router.world, {
        sshPort: ssh.port,
        hostKeySha256: ssh.hostKeySha256,
        dbPath,
        syslogPort,
        ...(o.policy ? { policy: o.policy } : {}),
        ...(o.mqttUrl ? { mqttUrl: o.mqttUrl } : {}),
        ...(o.commandKeys ? { commandKeys: o.commandKeys } : {}),
      });
  const withAgent = o.arm ? o.arm.agent : o.mode === 'agent';
  const meter = new PathMeter(spoke.router, level, preferenceOf(spoke.router));
  const decisions: Decision[] = [];
  let agent: RunningAgent | undefined;
  let sampling = true;
  try {
    if (withAgent) {
      spoke.router.configure(`logging host 127.0.0.1 transport udp port ${config.syslog.listen!.split(':')[1]}`);
      // On a layered configuration the router finds the agent present where its tcp-connect probe looks.
      agent = await startAgent(config, {
        log: o.log ?? silentLogger,
        clock: agentClockFrom(clock),
        ...(o.arm ? { presence: worldPresence(spoke.router.world) } : {}),
      });
      agent.runtime.onDecision((d) => {
        decisions.push(d);
        o.onDecision?.(d);
      });
      o.onAgent?.(agent, spoke);
    }
    const start = clock.now();
    const sample = () => {
      if (!sampling) return;
      meter.sample(clock.now());
      clock.setTimer(sample, 1000);
    };
    sample();
    const run = await playScenario(spoke.router, clock, o.scenario, { ...(o.onLine ? { onLine: o.onLine } : {}) }).done;
    sampling = false;
    const latencies = agent ? [...agent.runtime.metrics.latencySamples] : [];
    return {
      scenario: o.scenario.name,
      mode: o.mode,
      run,
      decisions,
      decisionLatenciesMs: latencies,
      ...meter.figures(faultOf(o.scenario), start, start + o.scenario.durationSec * 1000),
    };
  } finally {
    sampling = false;
    await agent?.stop('scenario over', 5000);
    await spoke.stop();
    clock.clearAll();
  }
}
