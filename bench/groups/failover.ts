import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ARMS, armByName, TUNED_VARIANTS } from '../../lab/harness/arms.js';
import { loadScenario } from '../../lab/scenario/load.js';
import { armFigures } from '../support/arm-figures.js';
import { classesBench } from '../support/classes-bench.js';
import { dualCloudBench } from './dual-cloud.js';
import { runPool } from '../support/failover-pool.js';
import { sshSample } from '../support/failover-ssh-sample.js';
import { meteredBench } from '../support/metered-bench.js';
import { round, type Metric } from '../metric.js';

const SCENARIOS = fileURLToPath(new URL('../../lab/scenarios/', import.meta.url));
/** Seeds per scenario and arm (SPOKEPILOT_BENCH_RUNS overrides; the issue asks at least 30). */
const RUNS = Number(process.env.SPOKEPILOT_BENCH_RUNS ?? 30);

/**
 * Every shipped scenario, every arm (ios-minimal, ios-tuned, the agent on
 * ios-tuned), seeds 1..RUNS, each run on one manual clock (lab/harness/arm-run.ts):
 * median, p95 and max of each figure over the runs that have it, and how many
 * runs never got back to a working path (a censored run is never a time).
 * Then a small sample over real SSH at a scaled clock, to show the two agree.
 *
 * Then the dual-cloud design's scenarios with their three arms (issue 15:
 * bench/groups/dual-cloud.ts, 10 seeds), with every scenario or when the
 * selection names `dual-cloud`. Then issue 19's service classes and spent
 * LTE budget (bench/support/classes-bench.ts, 5 seeds), likewise unless a
 * selection leaves out `classes`.
 *
 * SPOKEPILOT_BENCH_SCENARIOS=hub1-dies,brownout and
 * SPOKEPILOT_BENCH_ARMS=ios-tuned,agent run subsets; the ARMS names may
 * include ios-tuned's variants (TUNED_VARIANTS, lab/baselines/VARIANTS.md).
 */
export async function* failoverBench(): AsyncIterable<Metric> {
  const work = mkdtempSync(join(tmpdir(), 'spokepilot-failover-'));
  try {
    const only = process.env.SPOKEPILOT_BENCH_SCENARIOS?.split(',').map((x) => `${x.trim()}.yaml`);
    const files = readdirSync(SCENARIOS)
      .filter((f) => f.endsWith('.yaml') && (!only || only.includes(f)))
      .sort();
    const arms = process.env.SPOKEPILOT_BENCH_ARMS?.split(',').map((a) => armByName(a.trim(), TUNED_VARIANTS)) ?? ARMS;
    const jobs = files.flatMap((f) =>
      arms.flatMap((arm) =>
        Array.from({ length: RUNS }, (_, i) => ({ scenarioFile: join(SCENARIOS, f), arm: arm.name, seed: i + 1, workDir: work })),
      ),
    );
    const t0 = performance.now();
    const results = await runPool(jobs, availableParallelism());
    const wallSec = (performance.now() - t0) / 1000;
    yield { metric: 'failover.runsPerArm', value: RUNS, unit: 'runs' };
    for (const f of files) {
      const name = (await loadScenario(join(SCENARIOS, f))).name;
      for (const arm of arms) {
        const runs = results.flatMap((r) =>
          'figures' in r && r.figures.scenario === name && r.figures.arm === arm.name ? [r.figures] : [],
        );
        yield* armFigures(`failover.${name}.${arm.name}`, runs);
      }
    }
    yield { metric: 'failover.manualClock.wallSec', value: round(wallSec, 1), unit: 's' };
    // The SSH sample checks the agent arm's in-process runs; a selection without the agent has none to check.
    if (arms.some((a) => a.agent)) yield* sshSample(work);
    // The metered LTE's figures (issue 19): with every scenario, or when the selection names `metered`.
    if (!only || only.includes('metered.yaml')) yield* meteredBench(work);
    // The dual-cloud design (issue 15): with every scenario, or when the selection names `dual-cloud`.
    if (!only || only.includes('dual-cloud.yaml')) yield* dualCloudBench();
    // Service classes and a spent LTE budget (issue 19, also `npm run bench -- classes` alone):
    // with every scenario, or when the selection names `classes`.
    if (!only || only.includes('classes.yaml')) yield* classesBench(work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
