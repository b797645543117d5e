import { join } from 'node:path';
import { startAgent, type RunningAgent } from '../../agent/compose/start-agent.js';
import type { Decision } from '../../agent/core/policy/types.js';
import { parseSyslogLine } from '../../agent/parsers/system/index.js';
import { silentLogger } from '../../agent/ports/logger.js';
import { createLabRouter, type LabRouter } from '../router/index.js';
import { playScenario, type ScenarioRun } from '../scenario/runner.js';
import { DEFAULT_SERVICE_LEVEL, faultOf, type Scenario } from '../scenario/schema.js';
import { ManualClock } from '../world/clock.js';
import { SeededRandom } from '../world/random.js';
import { benchAgentConfig } from './agent-config.js';
import { baselineConfig, type Arm } from './arms.js';
import { agentClockFrom } from './clock-bridge.js';
import { InProcessRouterCli } from './in-process-router-cli.js';
import { RouterError, type RouterCli } from '../../agent/ports/router-cli.js';
import type { PresencePort } from '../../agent/ports/presence.js';
import type { HarnessAction } from '../scenario/harness-actions.js';
import { worldPresence } from './world-presence.js';
import { ManualDriver } from './manual-driver.js';
import { PathMeter, type PathFigures, type PathRef } from './path-meter.js';

export interface ArmRunOptions {
  scenario: Scenario;
  arm: Arm;
  seed: number;
  /** Where the agent keeps its database (one file per run). */
  workDir: string;
  /** Lab time one router command costs the agent: an SSH round trip and IOS's work. */
  commandLatencyMs?: number;
  /** Called with every per-second sample: a bench's own measurement (the metered bench's detection time). */
  onSample?: (nowMs: number, router: LabRouter, agent: RunningAgent | undefined) => void;
}

export interface ArmRunResult extends PathFigures {
  scenario: string;
  arm: string;
  seed: number;
  run: ScenarioRun;
  decisions: Decision[];
  /** Commands the agent sent to the router. */
  routerCommands: number;
}

/** Lab time at which every run starts: fixed, so that a seed reproduces timestamps too. */
const START_MS = Date.UTC(2026, 0, 5, 9, 0, 0);
/**
 * Every arm boots its router (and agent) this long before the scenario
 * starts: the scenario meets a settled spoke whose agent has filled its
 * windows, as on a router that has run for days, and the router's steps fall
 * at the same instants of the scenario in every arm.
 */
export const WARM_UP_MS = 120_000;
/** Syslog over UDP from the router to the IOx app: a few milliseconds. */
const SYSLOG_DELAY_MS = 5;
/** A slow management plane (scenario `router-management: slow`): seconds per command. */
const SLOW_COMMAND_MS = 4000;

/**
 * One agent process's view of the router and its presence listener: the
 * shared in-process CLI while it lives; after `kill`, nothing (every command
 * fails as on a dead process's socket, and the listener is closed).
 */
class AgentPort implements RouterCli, PresencePort {
  dead = false;
  private readonly presence;
  constructor(
    private readonly cli: InProcessRouterCli,
    router: LabRouter,
  ) {
    this.presence = worldPresence(router.world);
  }
  kill(): void {
    this.dead = true;
    this.presence.kill();
  }
  private alive<T>(f: () => Promise<T>): Promise<T> {
    return this.dead ? Promise.reject(new RouterError('ROUTER_CLOSED', 'the agent process is dead')) : f();
  }
  show(command: string): Promise<string> {
    return this.alive(() => this.cli.show(command));
  }
  exec(command: string): Promise<string> {
    return this.alive(() => this.cli.exec(command));
  }
  configure(lines: readonly string[]): Promise<void> {
    return this.alive(() => this.cli.configure(lines));
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
  set(present: boolean): Promise<void> {
    return this.presence.set(present);
  }
}

/**
 * One scenario, one arm, one seed, on one manual clock shared by the lab and
 * the agent (no SSH, no sockets, every random draw seeded), measured from the
 * world's ground truth once per lab second, half a second after the router's
 * step. The same inputs give the same figures.
 */
export async function runArm(o: ArmRunOptions): Promise<ArmRunResult> {
  const level = o.scenario.serviceLevel ?? DEFAULT_SERVICE_LEVEL;
  const clock = new ManualClock(START_MS);
  const agentClock = agentClockFrom(clock);
  let toAgent: ((line: string) => void) | undefined;
  const commandLatencyMs = o.commandLatencyMs ?? 150;
  const router = createLabRouter(
    // EEM's CLI actions pay what the agent's commands pay (one command on a vty, whoever sends it).
    { clock, seed: o.seed, config: baselineConfig(o.arm.baseline, level, o.scenario.classes), eemCliCommandMs: commandLatencyMs },
    { send: (line) => toAgent?.(line) },
  );
  let agent: RunningAgent | undefined;
  /** Killed agents: they run on (a zombie in this process) but reach nothing, and are stopped at the end. */
  const zombies: RunningAgent[] = [];
  const driver = new ManualDriver(clock, { backgroundBusy: () => agent?.store.busy() ?? false });
  const decisions: Decision[] = [];
  const cli = new InProcessRouterCli({ router, clock: agentClock, commandLatencyMs });
  let incarnation = 0;
  const startOne = async (): Promise<RunningAgent> => {
    const config = benchAgentConfig(router.world, level, {
      dbPath: join(o.workDir, `${o.scenario.name}-${o.arm.name}-${o.seed}.db`),
      routerSlas: router.model.config.slas.values(),
      ...(o.arm.metered ? { meteredLte: o.arm.meteredBudget ?? '2GB' } : {}),
      ...(o.arm.classes && o.scenario.classes ? { classes: o.scenario.classes } : {}),
    });
    const random = new SeededRandom(o.seed).fork(`agent-${incarnation++}`);
    const port = new AgentPort(cli, router);
    const running = await startAgent(config, {
      log: silentLogger,
      clock: agentClock,
      router: port,
      presence: port,
      random: () => random.next(),
    });
    running.runtime.onDecision((d) => {
      if (!port.dead) decisions.push(d);
    });
    toAgent = (line) => {
      if (router.model.config.loggingHosts.length === 0) return;
      clock.setTimer(() => {
        const record = parseSyslogLine(line);
        if (record && !port.dead) running.runtime.onSyslog(record);
      }, SYSLOG_DELAY_MS);
    };
    ports.set(running, port);
    return running;
  };
  const ports = new Map<RunningAgent, AgentPort>();
  const onHarnessAction = (a: HarnessAction) => {
    if (a.kind === 'router-management') {
      cli.plane = a.state === 'slow' ? { state: 'slow', latencyMs: SLOW_COMMAND_MS } : { state: a.state };
      return;
    }
    if (a.op === 'kill' && agent) {
      // kill -9: from now on the process reaches nothing and its listener is gone; no restore.
      ports.get(agent)!.kill();
      zombies.push(agent);
      agent = undefined;
      toAgent = undefined;
    } else if (a.op === 'start' && !agent) {
      // A new process: the old one's files are free again (its lock died with it).
      const old = zombies.at(-1);
      void (old ? old.stop('killed', 1000).catch(() => undefined) : Promise.resolve())
        .then(() => startOne())
        .then((r) => {
          agent = r;
        });
    }
  };
  try {
    router.start();
    if (o.arm.agent) agent = await driver.drive(startOne());
    await driver.runUntil(START_MS + WARM_UP_MS);
    const start = clock.now();
    const end = start + o.scenario.durationSec * 1000;
    const meter = new PathMeter(router, level, preferenceOf(router), o.scenario.classes ?? []);
    const playback = playScenario(router, clock, o.scenario, o.arm.agent ? { onHarnessAction } : {});
    sampleEverySecond(
      clock,
      (t) => {
        meter.sample(t);
        o.onSample?.(t, router, agent);
      },
      start + 500,
      end,
    );
    await driver.runUntil(end);
    const run = await playback.done;
    return {
      scenario: o.scenario.name,
      arm: o.arm.name,
      seed: o.seed,
      run,
      decisions,
      routerCommands: cli.commands,
      ...meter.figures(faultOf(o.scenario), start, end),
    };
  } finally {
    toAgent = undefined;
    if (agent) await driver.drive(agent.stop('scenario over', 5000)).catch(() => undefined);
    for (const z of zombies) await driver.drive(z.stop('scenario over', 1000)).catch(() => undefined);
    router.stop();
  }
}

/** Samples on absolute deadlines (`first`, `first` + 1 s, ...), so no sample drifts. */
function sampleEverySecond(clock: ManualClock, sample: (nowMs: number) => void, first: number, end: number): void {
  const at = (t: number) => {
    if (t >= end) return;
    clock.setTimer(() => {
      sample(clock.now());
      at(t + 1000);
    }, t - clock.now());
  };
  at(first);
}

/** The candidate paths in the agent's preference order: fibre before LTE, hub 1 before hub 2. */
export function preferenceOf(router: LabRouter): PathRef[] {
  return router.world.wans().flatMap((w) => router.world.hubs().map((h) => ({ peer: h.address, source: w.interface })));
}
