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
import { parseCommandOutput } from '../../agent/parsers/registry.js';
import { silentLogger } from '../../agent/ports/logger.js';
import { DEFAULT_POLICY } from '../../agent/core/policy/config.js';
import type { BgpPathEntry } from '../../proto/records/routing.js';
import { DUAL_CLOUD_LAN, DUAL_CLOUD_TUNED, dualCloudConfig, type DualCloudTuning } from '../router/dual-cloud-config.js';
import { createLabRouter, type LabRouter } from '../router/index.js';
import { playScenario } from '../scenario/runner.js';
import { DEFAULT_SERVICE_LEVEL, faultOf, type Scenario, type ServiceLevel } from '../scenario/schema.js';
import { ManualClock } from '../world/clock.js';
import { DUAL_CLOUD_SUMMARY, dualCloudWorldSpec } from '../world/dual-cloud-world.js';
import { findCommand } from '../router/config-loader.js';
import { SeededRandom } from '../world/random.js';
import { agentClockFrom } from './clock-bridge.js';
import { dualCloudLabAgentConfig, dualCloudSpokeLines } from './dual-cloud-agent-config.js';
import { InProcessRouterCli } from './in-process-router-cli.js';
import { ManualDriver } from './manual-driver.js';
import { pathMeetsLevel } from './service-level.js';
import { baselineConfig } from './arms.js';
import { flowSample } from './dual-cloud-flow.js';

/** The three arms of the dual-cloud bench. */
export type DualCloudArm = 'ios-minimal' | 'ios-tuned' | 'agent';
export const DUAL_CLOUD_ARMS: readonly DualCloudArm[] = ['ios-minimal', 'ios-tuned', 'agent'];

/**
 * ios-minimal: Cisco's example as written, IOS's default BGP timers (60/180), no fall-over.
 * ios-tuned: fall-over and 10/30 timers (the lab's dual-cloud default), plus quality tracking
 * (lab/baselines/dual-cloud-ios-tuned.ios: a `state` track on each tunnel's probe, EEM applets
 * lowering a degraded hub's routes both ways). The agent runs on fall-over and 10/30 timers
 * without the applets: they would rewrite the neighbours' route-maps, which the agent owns.
 */
const TUNING: Record<DualCloudArm, DualCloudTuning> = {
  'ios-minimal': { fallOver: false },
  'ios-tuned': DUAL_CLOUD_TUNED,
  agent: DUAL_CLOUD_TUNED,
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
const LAN = `${DUAL_CLOUD_LAN.network}/24`;
const WAN = 'GigabitEthernet0/0';

interface Sample {
  atMs: number;
  out?: string;
  back?: string;
  outOk: boolean;
  backOk: boolean;
}

export async function runDualCloudArm(o: {
  scenario: Scenario;
  arm: DualCloudArm;
  seed: number;
  workDir: string;
}): Promise<DualCloudFigures> {
  const level = o.scenario.serviceLevel ?? DEFAULT_SERVICE_LEVEL;
  const clock = new ManualClock(START_MS);
  const agentClock = agentClockFrom(clock);
  const router = createLabRouter({
    clock,
    seed: o.seed,
    topology: 'dual-cloud',
    config: dualCloudConfig(dualCloudWorldSpec(), 'spoke1', undefined, TUNING[o.arm]),
  });
  const cli = new InProcessRouterCli({ router, clock: agentClock, commandLatencyMs: 150 });
  const driver = new ManualDriver(clock, { backgroundBusy: () => agent?.store.busy() ?? false });
  let agent: RunningAgent | undefined;
  try {
    router.start();
    const config = benchConfig(router, level, join(o.workDir, `${o.scenario.name}-${o.arm}-${o.seed}.db`));
    // Every arm runs the same probes and neutral route-maps (what `config ios` prints): only the agent acts on them.
    await driver.drive(cli.configure(dualCloudSpokeLines(config)));
    if (o.arm === 'ios-tuned') router.configure(baselineConfig('dual-cloud-ios-tuned.ios', level));
    if (o.arm === 'agent') {
      const random = new SeededRandom(o.seed).fork('agent');
      agent = await driver.drive(startAgent(config, { log: silentLogger, clock: agentClock, router: cli, random: () => random.next() }));
    }
    await driver.runUntil(START_MS + WARM_UP_MS);
    const start = clock.now();
    const end = start + o.scenario.durationSec * 1000;
    const samples: Sample[] = [];
    const flow = o.scenario.actions.find((a) => a.action.kind === 'start-flow')?.action as { to: string } | undefined;
    const flowSamples: { atMs: number; ok: boolean; via: string }[] = [];
    const playback = playScenario(router, clock, o.scenario, {});
    const sample = (t: number) => {
      if (flow && router.model.rt.nhrp.flows.has(flow.to)) flowSamples.push({ atMs: t, ...flowSample(router, WAN, flow.to, level) });
      const out = outboundHub(router);
      const back = router.world.returnHubFor(LAN);
      const ok = (hub: string | undefined) =>
        hub !== undefined && pathMeetsLevel(router.world, WAN, router.world.hubs().find((h) => h.name === hub)!.address, level);
      samples.push({ atMs: t, ...(out ? { out } : {}), ...(back ? { back } : {}), outOk: ok(out), backOk: ok(back) });
      if (t + 1000 < end) clock.setTimer(() => sample(clock.now()), t + 1000 - clock.now());
    };
    clock.setTimer(() => sample(clock.now()), 500);
    await driver.runUntil(end);
    await playback.done;
    return {
      scenario: o.scenario.name,
      arm: o.arm,
      seed: o.seed,
      ...figures(samples, start + (faultOf(o.scenario)?.startSec ?? 0) * 1000),
      ...(flow ? flowFigures(flowSamples) : {}),
    };
  } finally {
    if (agent) await driver.drive(agent.stop('scenario over', 5000)).catch(() => undefined);
    router.stop();
  }
}

/**
 * The agent at its shipped defaults but for the scenario's service level (as the failover bench's
 * agent arm: fail thresholds from the level, recover thresholds in the shipped ratio to them) and
 * probes read every 3 s (the probes' frequency).
 */
function benchConfig(router: LabRouter, level: ServiceLevel, dbPath: string) {
  const base = dualCloudLabAgentConfig(router.world, { sshPort: 22, hostKeySha256: `SHA256:${'A'.repeat(43)}`, dbPath });
  const ratio = (k: 'lossPct' | 'rttMs' | 'jitterMs') => DEFAULT_POLICY.recover[k] / DEFAULT_POLICY.fail[k];
  const fail = { lossPct: level.lossPct, rttMs: level.latencyMs, jitterMs: level.jitterMs };
  const recover = {
    lossPct: fail.lossPct * ratio('lossPct'),
    rttMs: Math.round(fail.rttMs * ratio('rttMs')),
    jitterMs: Math.round(fail.jitterMs * ratio('jitterMs')),
  };
  const { windowSamples, minSamples, failAfter, recoverAfter, unreachableAfter, preemptDelaySec, minChangeIntervalSec } = DEFAULT_POLICY;
  return {
    ...base,
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

/** The hub whose path is best for the summary, as the router's table shows it. */
function outboundHub(router: LabRouter): string | undefined {
  const found = findCommand(router.commands(), 'exec', ['show', 'bgp', 'ipv4', 'unicast'])!;
  const text = found.def.handler({ mode: 'exec', terminalWidth: 0 }, found.args)?.output ?? '';
  const paths = parseCommandOutput('show bgp ipv4 unicast', text).records as BgpPathEntry[];
  const best = paths.find((p) => p.network === DUAL_CLOUD_SUMMARY && p.best);
  return router.world.hubs().find((h) => h.tunnelAddress === best?.nextHop)?.name;
}

/** Each flow sample stands for the second up to the next one. */
function flowFigures(samples: readonly { atMs: number; ok: boolean; via: string }[]) {
  let flowBrokenSec = 0;
  let flowShortcutSec = 0;
  samples.forEach((s, i) => {
    const dt = ((samples[i + 1]?.atMs ?? s.atMs + 1000) - s.atMs) / 1000;
    if (!s.ok) flowBrokenSec += dt;
    if (s.via === 'shortcut') flowShortcutSec += dt;
  });
  return { flowBrokenSec, flowShortcutSec };
}

function figures(samples: readonly Sample[], faultAtMs: number) {
  let outboundDegradedSec = 0;
  let returnDegradedSec = 0;
  let asymmetricSec = 0;
  let outboundChanges = 0;
  let lastBad: number | undefined;
  samples.forEach((s, i) => {
    const dt = ((samples[i + 1]?.atMs ?? s.atMs + 1000) - s.atMs) / 1000;
    if (!s.outOk) outboundDegradedSec += dt;
    if (!s.backOk) returnDegradedSec += dt;
    if (s.out !== s.back) asymmetricSec += dt;
    if (i > 0 && samples[i - 1]!.out !== undefined && s.out !== undefined && samples[i - 1]!.out !== s.out) outboundChanges++;
    if (s.atMs >= faultAtMs && !(s.outOk && s.backOk)) lastBad = s.atMs;
  });
  const endOk = samples.at(-1)?.outOk === true && samples.at(-1)?.backOk === true;
  const timeToWorkingSec = !endOk ? undefined : lastBad === undefined ? 0 : (lastBad + 1000 - faultAtMs) / 1000;
  return { outboundDegradedSec, returnDegradedSec, timeToWorkingSec, asymmetricSec, outboundChanges };
}
