/**
 * What the dual-cloud bench measures, every SAMPLE_MS of lab time, from the world's
 * ground truth: outbound, the hub whose path BGP prefers for the hubs'
 * summary (read from the router's table); return, the hub the core sends the
 * spoke's LAN back through (`world.returnHubFor`); with a spoke-to-spoke flow
 * (`start-flow`), whether it works (lab/harness/dual-cloud-flow.ts). A
 * direction works while its hub's path meets the scenario's service level.
 * The same meter for the manual-clock runs and the SSH sample.
 */
import { parseCommandOutput } from '../../agent/parsers/registry.js';
import type { BgpPathEntry } from '../../proto/records/routing.js';
import { findCommand } from '../router/config-loader.js';
import { DUAL_CLOUD_LAN } from '../router/dual-cloud-config.js';
import type { LabRouter } from '../router/index.js';
import { faultOf, type Scenario, type ServiceLevel } from '../scenario/schema.js';
import { DUAL_CLOUD_SUMMARY } from '../world/dual-cloud-world.js';
import { flowSample } from './dual-cloud-flow.js';
import { pathMeetsLevel } from './service-level.js';

const LAN = `${DUAL_CLOUD_LAN.network}/24`;

/**
 * How often the meter looks. The lab world moves once a second, but the
 * router's choice moves whenever a command lands: sampled once a second, an
 * arm that moved 5 ms after another was a whole second behind it.
 */
export const SAMPLE_MS = 100;
const WAN = 'GigabitEthernet0/0';

interface Sample {
  atMs: number;
  out?: string;
  back?: string;
  outOk: boolean;
  backOk: boolean;
}

export class DualCloudMeter {
  private readonly samples: Sample[] = [];
  private readonly flowSamples: { atMs: number; ok: boolean; via: string }[] = [];
  private readonly flow: { to: string } | undefined;

  constructor(
    private readonly router: LabRouter,
    private readonly scenario: Scenario,
    private readonly level: ServiceLevel,
  ) {
    this.flow = scenario.actions.find((a) => a.action.kind === 'start-flow')?.action as { to: string } | undefined;
  }

  sample(t: number): void {
    const { router, level, flow } = this;
    if (flow && router.model.rt.nhrp.flows.has(flow.to)) this.flowSamples.push({ atMs: t, ...flowSample(router, WAN, flow.to, level) });
    const out = outboundHub(router);
    const back = router.world.returnHubFor(LAN);
    const ok = (hub: string | undefined) =>
      hub !== undefined && pathMeetsLevel(router.world, WAN, router.world.hubs().find((h) => h.name === hub)!.address, level);
    this.samples.push({ atMs: t, ...(out ? { out } : {}), ...(back ? { back } : {}), outOk: ok(out), backOk: ok(back) });
  }

  /** The figures of the samples taken since the scenario started at `startMs`. */
  figures(startMs: number) {
    return {
      ...figures(this.samples, startMs + (faultOf(this.scenario)?.startSec ?? 0) * 1000),
      ...(this.flow ? flowFigures(this.flowSamples) : {}),
    };
  }
}

/** Which hub each direction goes through now, as `spokepilot lab --topology dual-cloud --scenario` ends by saying. */
export function dualCloudDirections(router: LabRouter): { outbound?: string; return?: string } {
  const out = outboundHub(router);
  const back = router.world.returnHubFor(LAN);
  return { ...(out ? { outbound: out } : {}), ...(back ? { return: back } : {}) };
}

/** The hub whose path is best for the summary, as the router's table shows it. */
function outboundHub(router: LabRouter): string | undefined {
  const found = findCommand(router.commands(), 'exec', ['show', 'bgp', 'ipv4', 'unicast'])!;
  const text = found.def.handler({ mode: 'exec', terminalWidth: 0 }, found.args)?.output ?? '';
  const paths = parseCommandOutput('show bgp ipv4 unicast', text).records as BgpPathEntry[];
  const best = paths.find((p) => p.network === DUAL_CLOUD_SUMMARY && p.best);
  return router.world.hubs().find((h) => h.tunnelAddress === best?.nextHop)?.name;
}

/** Each flow sample stands for the time up to the next one. */
function flowFigures(samples: readonly { atMs: number; ok: boolean; via: string }[]) {
  let flowBrokenSec = 0;
  let flowShortcutSec = 0;
  samples.forEach((s, i) => {
    const dt = ((samples[i + 1]?.atMs ?? s.atMs + SAMPLE_MS) - s.atMs) / 1000;
    if (!s.ok) flowBrokenSec += dt;
    if (s.via === 'shortcut') flowShortcutSec += dt;
  });
  return { flowBrokenSec: tenths(flowBrokenSec), flowShortcutSec: tenths(flowShortcutSec) };
}

function figures(samples: readonly Sample[], faultAtMs: number) {
  let outboundDegradedSec = 0;
  let returnDegradedSec = 0;
  let asymmetricSec = 0;
  let outboundChanges = 0;
  let lastBad: number | undefined;
  samples.forEach((s, i) => {
    const dt = ((samples[i + 1]?.atMs ?? s.atMs + SAMPLE_MS) - s.atMs) / 1000;
    if (!s.outOk) outboundDegradedSec += dt;
    if (!s.backOk) returnDegradedSec += dt;
    if (s.out !== s.back) asymmetricSec += dt;
    if (i > 0 && samples[i - 1]!.out !== undefined && s.out !== undefined && samples[i - 1]!.out !== s.out) outboundChanges++;
    if (s.atMs >= faultAtMs && !(s.outOk && s.backOk)) lastBad = s.atMs;
  });
  const endOk = samples.at(-1)?.outOk === true && samples.at(-1)?.backOk === true;
  const timeToWorkingSec = !endOk ? undefined : lastBad === undefined ? 0 : (lastBad + SAMPLE_MS - faultAtMs) / 1000;
  return {
    outboundDegradedSec: tenths(outboundDegradedSec),
    returnDegradedSec: tenths(returnDegradedSec),
    timeToWorkingSec: timeToWorkingSec === undefined ? undefined : tenths(timeToWorkingSec),
    asymmetricSec: tenths(asymmetricSec),
    outboundChanges,
  };
}

/** Sums of sample spans, rid of float dust. */
function tenths(sec: number): number {
  return Math.round(sec * 10) / 10;
}
