/**
 * One dual-cloud scenario, one arm, one seed, on one manual clock shared by
 * the lab and the agent (as lab/harness/arm-run.ts does for the failover
 * design). Both directions are measured from the world's ground truth once a
 * lab second: outbound, the hub whose path BGP prefers for the hubs' summary
 * (read from the router's table); return, the hub the core sends the spoke's
 * LAN back through (`world.returnHubFor`). A direction works while its hub's
 * path meets the scenario's service level.
 */
import { join } from 'node:path';
import { startAgent, type RunningAgent } from '../../agent/compose/start-agent.js';
import { silentLogger } from '../../agent/ports/logger.js';
import { DEFAULT_POLICY } from '../../agent/core/policy/config.js';
import { DUAL_CLOUD_TUNED, dualCloudConfig, type DualCloudTuning } from '../router/dual-cloud-config.js';
import { createLabRouter } from '../router/index.js';
import { playScenario } from '../scenario/runner.js';
import { DEFAULT_SERVICE_LEVEL, type Scenario, type ServiceLevel } from '../scenario/schema.js';
import { ManualClock } from '../world/clock.js';
import { dualCloudWorldSpec } from '../world/dual-cloud-world.js';
import type { World } from '../world/world.js';
import { DualCloudMeter, SAMPLE_MS } from './dual-cloud-meter.js';
import { SeededRandom } from '../world/random.js';
import { agentClockFrom } from './clock-bridge.js';
import { dualCloudLabAgentConfig, dualCloudQualityTrack, dualCloudSpokeLines } from './dual-cloud-agent-config.js';
import { InProcessRouterCli } from './in-process-router-cli.js';
import { ManualDriver } from './manual-driver.js';
import { baselineConfig } from './arms.js';
import { parseSyslogLine } from '../../agent/parsers/system/index.js';

/**
 * The arms of the dual-cloud bench: the three of issue 15, two variants of tuned IOS (the one
 * it replaced as the named baseline, latency by two echoes in a row; and one acting on the first
 * slow echo), and the agent trusting the router's tracks (the trade it declines).
 */
export type DualCloudArm =
  'ios-minimal' | 'ios-tuned' | 'ios-tuned-consecutive' | 'ios-tuned-immediate' | 'agent' | 'agent-trusting-tracks';
export const DUAL_CLOUD_ARMS: readonly DualCloudArm[] = [
  'ios-minimal',
  'ios-tuned',
  'ios-tuned-consecutive',
  'ios-tuned-immediate',
  'agent',
  'agent-trusting-tracks',
];

/**
 * ios-minimal: Cisco's example as written, IOS's default BGP timers (60/180), no fall-over.
 * ios-tuned: fall-over and 10/30 timers (the lab's dual-cloud default), plus quality judged by IP SLA
 * threshold reactions on each tunnel's probes (latency: the latest echo and the latest jitter run
 * both over the level; loss and jitter on the runs) that EEM turns into stub tracks, and EEM applets
 * lowering a degraded hub's routes both ways (lab/baselines/dual-cloud-ios-tuned.ios).
 * ios-tuned-consecutive: the same with latency judged by two echoes in a row, and
 * ios-tuned-immediate by the first slow echo (lab/baselines/dual-cloud-ios-tuned-{consecutive,immediate}.ios,
 * each layered on ios-tuned.ios).
 * The agent runs on fall-over and 10/30 timers and ios-tuned's quality tracks, named as each
 * hub's `qualityTrack` (lab/baselines/dual-cloud-agent-tracks.ios), without the applets: they
 * would rewrite the neighbours' route-maps, which the agent owns. The agent acts on a track gone
 * Down when its own probes show the fault (the shipped `qualityTrackDown: confirm`);
 * agent-trusting-tracks is the same agent with `qualityTrackDown: trust`, acting on the track alone.
 */
const TUNING: Record<DualCloudArm, DualCloudTuning> = {
  'ios-minimal': { fallOver: false },
  'ios-tuned': DUAL_CLOUD_TUNED,
  'ios-tuned-consecutive': DUAL_CLOUD_TUNED,
  'ios-tuned-immediate': DUAL_CLOUD_TUNED,
  agent: DUAL_CLOUD_TUNED,
  'agent-trusting-tracks': DUAL_CLOUD_TUNED,
};

export interface DualCloudFigures {
  scenario: string;
  arm: DualCloudArm;
  seed: number;
  /** Seconds the spoke's traffic to the hubs went through a hub whose path is outside the level (or through none). */
  outboundDegradedSec: number;
  /** The same for the return traffic to the spoke's LAN. */
  returnDegradedSec: number;
  /** From the fault's start until both directions work; undefined when they never do again. */
  timeToWorkingSec: number | undefined;
  /** Seconds the two directions went through different hubs (asymmetric routing). */
  asymmetricSec: number;
  /** Changes of the outbound hub. */
  outboundChanges: number;
  /** With a spoke-to-spoke flow (`start-flow`): seconds it did not work, from its start (lab/harness/dual-cloud-flow.ts). */
  flowBrokenSec?: number;
  /** With a flow: seconds it rode an NHRP shortcut. */
  flowShortcutSec?: number;
}

const START_MS = Date.UTC(2026, 0, 5, 9, 0, 0);
const WARM_UP_MS = 120_000;
/** One command on a vty, whoever sends it: the agent over SSH, or an EEM applet's `action cli`. */
const COMMAND_LATENCY_MS = 150;
/** Syslog over UDP from the router to the IOx app: a few milliseconds (as the failover bench). */
const SYSLOG_DELAY_MS = 5;
/** Where every arm's router logs: the IOx app's address (only the agent listens). */
const APP_SYSLOG = { host: '192.168.5.2', port: 514 };
/** The probes' period (`config ios`: every 3 s) over which the seeds spread a fault's arrival. */
const PROBE_PERIOD_MS = 3000;
/** How many seeds it takes to cover the probe period once. */
const PHASES = 10;

/**
 * When a scenario starts, after the warm-up, within the probes' period: a fault lands at any
 * moment of it, and how long until the first probe meets the fault is most of what separates
 * one run from another. Seeds 1-10 (and each next ten) cover the period evenly, 300 ms apart,
 * seed 1 at no offset; before, every seed met each fault 0.5 s before a probe.
 */
export const scenarioPhaseMs = (seed: number): number => ((((seed - 1) % PHASES) + PHASES) % PHASES) * (PROBE_PERIOD_MS / PHASES);

/** The agent arm's tracks come up 60 s after their probes first answer; the agent starts after (its windows fill in 24 s). */
export const TRACKS_SETTLE_MS = 70_000;

export async function runDualCloudArm(o: {
  scenario: Scenario;
  arm: DualCloudArm;
  seed: number;
  workDir: string;
}): Promise<DualCloudFigures> {
  const level = o.scenario.serviceLevel ?? DEFAULT_SERVICE_LEVEL;
  const clock = new ManualClock(START_MS);
  const agentClock = agentClockFrom(clock);
  let agent: RunningAgent | undefined;
  const router = createLabRouter(
    {
      clock,
      seed: o.seed,
      topology: 'dual-cloud',
      config: dualCloudConfig(dualCloudWorldSpec(), 'spoke1', APP_SYSLOG, TUNING[o.arm]),
      // EEM's CLI actions pay what the agent's commands pay (COMMAND_LATENCY_MS).
      eemCliCommandMs: COMMAND_LATENCY_MS,
    },
    {
      // The router's syslog reaches the agent as over UDP, a few ms later, and wakes its reads early.
      send: (line) => {
        if (!agent) return;
        clock.setTimer(() => {
          const record = parseSyslogLine(line);
          if (record) agent?.runtime.onSyslog(record);
        }, SYSLOG_DELAY_MS);
      },
    },
  );
  const cli = new InProcessRouterCli({ router, clock: agentClock, commandLatencyMs: COMMAND_LATENCY_MS });
  const driver = new ManualDriver(clock, { backgroundBusy: () => agent?.store.busy() ?? false });
  try {
    router.start();
    const config = dualCloudBenchConfig(router.world, level, join(o.workDir, `${o.scenario.name}-${o.arm}-${o.seed}.db`), undefined, {
      trustTracks: o.arm === 'agent-trusting-tracks',
    });
    // Every arm runs the same probes and neutral route-maps (what `config ios` prints): only the agent acts on them.
    await driver.drive(cli.configure(dualCloudSpokeLines(config)));
    if (o.arm.startsWith('ios-tuned')) router.configure(baselineConfig('dual-cloud-ios-tuned.ios', level));
    if (o.arm === 'ios-tuned-immediate') router.configure(baselineConfig('dual-cloud-ios-tuned-immediate.ios', level));
    if (o.arm === 'ios-tuned-consecutive') router.configure(baselineConfig('dual-cloud-ios-tuned-consecutive.ios', level));
    if (o.arm === 'agent' || o.arm === 'agent-trusting-tracks') {
      // Layered on a tuned router that is already running: its tracks up (`delay up 60`) before the agent starts.
      router.configure(baselineConfig(DUAL_CLOUD_AGENT_TRACKS, level));
      await driver.runUntil(START_MS + TRACKS_SETTLE_MS);
      const random = new SeededRandom(o.seed).fork('agent');
      agent = await driver.drive(startAgent(config, { log: silentLogger, clock: agentClock, router: cli, random: () => random.next() }));
    }
    await driver.runUntil(START_MS + WARM_UP_MS + scenarioPhaseMs(o.seed));
    const start = clock.now();
    const end = start + o.scenario.durationSec * 1000;
    const meter = new DualCloudMeter(router, o.scenario, level);
    const playback = playScenario(router, clock, o.scenario, {});
    const sample = (t: number) => {
      meter.sample(t);
      if (t + SAMPLE_MS < end) clock.setTimer(() => sample(clock.now()), t + SAMPLE_MS - clock.now());
    };
    clock.setTimer(() => sample(clock.now()), 500);
    await driver.runUntil(end);
    await playback.done;
    return { scenario: o.scenario.name, arm: o.arm, seed: o.seed, ...meter.figures(start) };
  } finally {
    if (agent) await driver.drive(agent.stop('scenario over', 5000)).catch(() => undefined);
    router.stop();
  }
}

/**
 * The agent at its shipped defaults but for the scenario's service level (as the failover bench's
 * agent arm: fail thresholds from the level, recover thresholds in the shipped ratio to them) and
 * probes read every 3 s (the probes' frequency); each hub's `qualityTrack` is the track on its
 * probe in DUAL_CLOUD_AGENT_TRACKS (the other arms never start the agent, so never read it).
 */
/** The router-side quality tracks the agent arm layers on (the config names them per hub). */
export const DUAL_CLOUD_AGENT_TRACKS = 'dual-cloud-agent-tracks.ios';

export function dualCloudBenchConfig(
  world: World,
  level: ServiceLevel,
  dbPath: string,
  ssh: { port: number; hostKeySha256: string; syslogPort?: number } = { port: 22, hostKeySha256: `SHA256:${'A'.repeat(43)}` },
  o: { trustTracks?: boolean } = {},
) {
  const base = dualCloudLabAgentConfig(world, {
    sshPort: ssh.port,
    hostKeySha256: ssh.hostKeySha256,
    dbPath,
    ...(ssh.syslogPort ? { syslogPort: ssh.syslogPort } : {}),
  });
  const ratio = (k: 'lossPct' | 'rttMs' | 'jitterMs') => DEFAULT_POLICY.recover[k] / DEFAULT_POLICY.fail[k];
  const fail = { lossPct: level.lossPct, rttMs: level.latencyMs, jitterMs: level.jitterMs };
  const recover = {
    lossPct: fail.lossPct * ratio('lossPct'),
    rttMs: Math.round(fail.rttMs * ratio('rttMs')),
    jitterMs: Math.round(fail.jitterMs * ratio('jitterMs')),
  };
  const { windowSamples, minSamples, failAfter, recoverAfter, unreachableAfter, preemptDelaySec, minChangeIntervalSec } = DEFAULT_POLICY;
  const hubs = base.dualCloud.hubs.map((h, i) => ({
    ...h,
    qualityTrack: dualCloudQualityTrack(i),
    ...(o.trustTracks ? { qualityTrackDown: 'trust' as const } : {}),
  }));
  return {
    ...base,
    dualCloud: { ...base.dualCloud, hubs },
    policy: {
      ...base.policy,
      ...{ windowSamples, minSamples, failAfter, recoverAfter, unreachableAfter, preemptDelaySec, minChangeIntervalSec },
      fail,
      recover,
    },
    polling: { ...base.polling, slaSec: 3, flexvpnSec: 15 },
    http: { ...base.http, enabled: false },
  };
}
