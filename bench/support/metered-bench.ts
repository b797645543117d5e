import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { runArm } from '../../lab/harness/arm-run.js';
import { METERED_ARMS, type Arm } from '../../lab/harness/arms.js';
import type { LabRouter } from '../../lab/router/index.js';
import { loadScenario } from '../../lab/scenario/load.js';
import type { Scenario } from '../../lab/scenario/schema.js';
import type { RunningAgent } from '../../agent/compose/start-agent.js';
import { distribution } from './distribution.js';
import { round, type Metric } from '../metric.js';

const SCENARIOS = fileURLToPath(new URL('../../lab/scenarios/metered/', import.meta.url));
const LTE = 'Cellular0/1/0';
const MONTH_SEC = 30 * 86_400;
/**
 * Seeds per scenario and arm (SPOKEPILOT_BENCH_METERED_RUNS overrides). Few: an hour of
 * standby is 3,600 steps of the manual clock, and standby cost hardly varies by seed
 * (the probes are periodic; only a lost reply saves its bytes).
 */
const RUNS = Number(process.env.SPOKEPILOT_BENCH_METERED_RUNS ?? 3);

/**
 * Issue 19's metered figures, for the agent (`agent-on-metered`, the agent told the
 * LTE is metered) and for ios-tuned with the LTE's probes slowed as an engineer
 * would for the same goal (`ios-tuned-metered`):
 * - `metered.standbyMbPerMonth`: bytes through the LTE's counters (probes, and
 *   anything else it carries) while the tunnel is on the fibre for an hour
 *   (lte-standby), scaled to 30 days; target <= 50 MB.
 * - `metered.deadSimDetectSec`: from the SIM's death in standby (lte-sim-dies: the
 *   link stays up, nothing passes) until the spoke knows the LTE is unusable: the
 *   router's LTE source track (the one the FlexVPN client's `source` line names) is
 *   down, or, for the agent, every LTE candidate is judged bad; target <= 60 s.
 * The unprefixed metrics are the agent arm's worst seed; each arm's median and max follow.
 */
export async function* meteredBench(workDir: string): AsyncIterable<Metric> {
  const standby = await loadScenario(join(SCENARIOS, 'lte-standby.yaml'));
  const dies = await loadScenario(join(SCENARIOS, 'lte-sim-dies.yaml'));
  for (const arm of METERED_ARMS) {
    const mb: number[] = [];
    const detect: number[] = [];
    for (let seed = 1; seed <= RUNS; seed++) {
      const r = await runArm({ scenario: standby, arm, seed, workDir });
      mb.push(((r.meteredBytes / standby.durationSec) * MONTH_SEC) / 1e6);
      let knownAt: number | undefined;
      let faultAt: number | undefined;
      await runArm({
        scenario: diesAt(dies, seed),
        arm,
        seed,
        workDir,
        onSample: (nowMs, router, agent) => {
          faultAt ??= nowMs - 500 + diesAt(dies, seed).fault!.startSec * 1000; // the first sample is 0.5 s after the scenario's start
          if (knownAt === undefined && nowMs >= faultAt && lteKnownDead(router, agent, arm)) knownAt = nowMs;
        },
      });
      if (knownAt !== undefined && faultAt !== undefined) detect.push((knownAt - faultAt) / 1000);
    }
    yield* figures(`metered.${arm.name}.standbyMbPerMonth`, mb, 'MB');
    yield* figures(`metered.${arm.name}.deadSimDetectSec`, detect, 's');
    yield { metric: `metered.${arm.name}.deadSimUndetectedRuns`, value: RUNS - detect.length, unit: 'runs' };
    if (arm.agent) {
      yield { metric: 'metered.standbyMbPerMonth', value: round(Math.max(...mb), 1), unit: 'MB' };
      if (detect.length === RUNS) yield { metric: 'metered.deadSimDetectSec', value: round(Math.max(...detect), 1), unit: 's' };
    }
  }
  yield { metric: 'metered.runsPerArm', value: RUNS, unit: 'runs' };
}

/**
 * The SIM dies at a different moment of the probes' period in each seed: the lab's
 * operations start in step at boot, and a death on a probe's instant is seen at once,
 * a death just after one only at the next. Seed 1 dies 1 s after a probe of every LTE
 * operation (the worst case), the others 11 s and 22 s later.
 */
function diesAt(s: Scenario, seed: number): Scenario {
  const atSec = s.fault!.startSec + 1 + (((seed - 1) * 11) % 30);
  return { ...s, fault: { startSec: atSec }, actions: s.actions.map((a) => ({ ...a, atSec })) };
}

function* figures(metric: string, values: number[], unit: string): Iterable<Metric> {
  const d = distribution(values);
  if (!d) return;
  yield { metric: `${metric}.median`, value: round(d.median, 1), unit };
  yield { metric: `${metric}.max`, value: round(d.max, 1), unit };
}

/** The router's own LTE source track is down, or the agent judges every LTE candidate bad. */
function lteKnownDead(router: LabRouter, agent: RunningAgent | undefined, arm: Arm): boolean {
  const tracks = router.state().tracks;
  const sourceTracks = [...router.model.config.flexClients.values()].flatMap((c) =>
    c.sources.filter((s) => s.interface === LTE).map((s) => s.track),
  );
  if (sourceTracks.length > 0 && sourceTracks.every((t) => tracks[t] === 'down')) return true;
  if (!arm.agent || !agent) return false;
  const state = agent.runtime.loop.state;
  const lte = agent.runtime.loop.policy.candidates.filter((c) => c.source === LTE);
  return lte.length > 0 && lte.every((c) => state.health[c.id]?.verdict === 'bad');
}
