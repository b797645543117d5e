/**
 * Issue 19's service-class and spent-budget scenarios, each played by its arms over
 * seeds 1..RUNS on the failover bench's pool (lab/harness/arm-run.ts, manual clock):
 * - lab/scenarios/classes/ (fibre-bad-for-voice, voice-flap) by ios-minimal,
 *   ios-tuned-classes (voice judged by EF-marked udp-jitter operations, reactions
 *   and EEM) and agent-on-classes (the agent layered on it, given the classes):
 *   per class, the seconds its traffic spent outside its level (`classNoncompliantSec`);
 * - lab/scenarios/metered/budget-spent-fibre-degrades by ios-tuned-metered,
 *   agent-on-metered and agent-budget-spent: degraded seconds against LTE bytes.
 * A group of its own (`npm run bench -- classes`, under a minute), which `npm run bench --
 * failover` also runs, as the issue asks, with every scenario or when
 * SPOKEPILOT_BENCH_SCENARIOS names `classes`.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLASS_ARMS, SPENT_BUDGET_ARMS, type Arm } from '../../lab/harness/arms.js';
import { loadScenario } from '../../lab/scenario/load.js';
import { armFigures } from './arm-figures.js';
import { runPool } from './failover-pool.js';
import { round, type Metric } from '../metric.js';

const CLASSES = fileURLToPath(new URL('../../lab/scenarios/classes/', import.meta.url));
const BUDGET = fileURLToPath(new URL('../../lab/scenarios/metered/budget-spent-fibre-degrades.yaml', import.meta.url));
/** Seeds per scenario and arm (SPOKEPILOT_BENCH_CLASSES_RUNS overrides). */
const RUNS = Number(process.env.SPOKEPILOT_BENCH_CLASSES_RUNS ?? 5);

export async function* classesBench(workDir?: string): AsyncIterable<Metric> {
  const work = workDir ?? mkdtempSync(join(tmpdir(), 'spokepilot-classes-'));
  try {
    const plan: { file: string; arms: readonly Arm[] }[] = [
      ...readdirSync(CLASSES)
        .filter((f) => f.endsWith('.yaml'))
        .sort()
        .map((f) => ({ file: join(CLASSES, f), arms: CLASS_ARMS })),
      { file: BUDGET, arms: SPENT_BUDGET_ARMS },
    ];
    const jobs = plan.flatMap((p) =>
      p.arms.flatMap((arm) =>
        Array.from({ length: RUNS }, (_, i) => ({ scenarioFile: p.file, arm: arm.name, seed: i + 1, workDir: work })),
      ),
    );
    const t0 = performance.now();
    const results = await runPool(jobs, availableParallelism());
    yield { metric: 'classes.runsPerArm', value: RUNS, unit: 'runs' };
    for (const p of plan) {
      const name = (await loadScenario(p.file)).name;
      for (const arm of p.arms) {
        const runs = results.flatMap((r) =>
          'figures' in r && r.figures.scenario === name && r.figures.arm === arm.name ? [r.figures] : [],
        );
        yield* armFigures(`classes.${name}.${arm.name}`, runs);
      }
    }
    yield { metric: 'classes.wallSec', value: round((performance.now() - t0) / 1000, 1), unit: 's' };
  } finally {
    if (!workDir) rmSync(work, { recursive: true, force: true });
  }
}
