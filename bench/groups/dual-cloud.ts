import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DUAL_CLOUD_ARMS, type DualCloudFigures } from '../../lab/harness/dual-cloud-run.js';
import { loadScenario } from '../../lab/scenario/load.js';
import type { DualCloudJob, DualCloudJobResult } from '../support/dual-cloud-child.js';
import { distribution } from '../support/distribution.js';
import { dualCloudSshSample } from '../support/dual-cloud-ssh-sample.js';
import { runPool } from '../support/failover-pool.js';
import { round, type Metric } from '../metric.js';

const SCENARIOS = fileURLToPath(new URL('../../lab/scenarios/dual-cloud/', import.meta.url));
const CHILD = fileURLToPath(new URL('../support/dual-cloud-child.ts', import.meta.url));
/** Seeds per scenario and arm (SPOKEPILOT_BENCH_RUNS overrides). */
const RUNS = Number(process.env.SPOKEPILOT_BENCH_RUNS ?? 10);
const FIGURES = [
  'outboundDegradedSec',
  'returnDegradedSec',
  'timeToWorkingSec',
  'asymmetricSec',
  'outboundChanges',
  'flowBrokenSec',
  'flowShortcutSec',
] as const;

/**
 * The dual-cloud design (issue 15): every scenario in lab/scenarios/dual-cloud/,
 * the arms of lab/harness/dual-cloud-run.ts (ios-minimal: default BGP timers;
 * ios-tuned: fall-over, 10/30 timers, IP SLA threshold reactions and EEM
 * applets, lab/baselines/dual-cloud-ios-tuned.ios; the agent on fall-over and
 * 10/30 timers; two variants), seeds 1..RUNS, each on one manual
 * clock (lab/harness/dual-cloud-run.ts) in a pool of one process per core, both
 * directions measured from ground truth, and a spoke-to-spoke flow where the
 * scenario starts one; then the agent over real SSH for a few seeds
 * (bench/support/dual-cloud-ssh-sample.ts). Its own group, which `npm run
 * bench -- failover` runs too (bench/groups/failover.ts).
 */
export async function* dualCloudBench(): AsyncIterable<Metric> {
  const work = mkdtempSync(join(tmpdir(), 'spokepilot-dual-cloud-'));
  try {
    const files = readdirSync(SCENARIOS)
      .filter((x) => x.endsWith('.yaml'))
      .sort();
    const jobs: DualCloudJob[] = files.flatMap((f) =>
      DUAL_CLOUD_ARMS.flatMap((arm) =>
        Array.from({ length: RUNS }, (_, i) => ({ scenarioFile: join(SCENARIOS, f), arm, seed: i + 1, workDir: work })),
      ),
    );
    const t0 = performance.now();
    const results = await runPool<DualCloudJob, DualCloudJobResult>(jobs, availableParallelism(), CHILD);
    const wallSec = (performance.now() - t0) / 1000;
    yield { metric: 'dualCloud.runsPerArm', value: RUNS, unit: 'runs' };
    for (const f of files) {
      const name = (await loadScenario(join(SCENARIOS, f))).name;
      for (const arm of DUAL_CLOUD_ARMS) {
        const runs: DualCloudFigures[] = results.flatMap((r) =>
          'figures' in r && r.figures.scenario === name && r.figures.arm === arm ? [r.figures] : [],
        );
        const prefix = `dualCloud.${name}.${arm}`;
        for (const figure of FIGURES) {
          const d = distribution(runs.flatMap((r) => (r[figure] === undefined ? [] : [r[figure]!])));
          const unit = figure === 'outboundChanges' ? 'changes' : 's';
          if (d) for (const [k, v] of Object.entries(d)) yield { metric: `${prefix}.${figure}.${k}`, value: round(v, 1), unit };
        }
        yield { metric: `${prefix}.neverRecoveredRuns`, value: runs.filter((r) => r.timeToWorkingSec === undefined).length, unit: 'runs' };
      }
    }
    yield { metric: 'dualCloud.manualClock.wallSec', value: round(wallSec, 1), unit: 's' };
    const t1 = performance.now();
    yield* dualCloudSshSample(
      SCENARIOS,
      work,
      results.flatMap((r) => ('figures' in r ? [r.figures] : [])),
    );
    yield { metric: 'dualCloud.sshSample.wallSec', value: round((performance.now() - t1) / 1000, 1), unit: 's' };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
