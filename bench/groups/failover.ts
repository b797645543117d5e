import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runFailover, type FailoverMode } from '../../lab/harness/failover-run.js';
import { loadScenario } from '../../lab/scenario/load.js';
import { round, type Metric } from '../metric.js';

const SCENARIOS = fileURLToPath(new URL('../../lab/scenarios/', import.meta.url));
/** Lab seconds per real second: fast, but slow enough that SSH round trips stay small against probe intervals. */
const SPEED = Number(process.env.SPOKEPILOT_BENCH_SPEED ?? 20);

/**
 * Every shipped scenario played twice on a lab spoke, IOS alone and with the
 * agent, figures in scenario seconds from the world's ground truth; plus the
 * agent's decision latency over all runs (observation in to configuration out).
 */
export async function* failoverBench(): AsyncIterable<Metric> {
  const work = mkdtempSync(join(tmpdir(), 'spokepilot-failover-'));
  const latencies: number[] = [];
  try {
    // SPOKEPILOT_BENCH_SCENARIOS=hub1-dies,brownout runs a subset.
    const only = process.env.SPOKEPILOT_BENCH_SCENARIOS?.split(',').map((x) => `${x.trim()}.yaml`);
    for (const file of readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml') && (!only || only.includes(f))).sort()) {
      const scenario = await loadScenario(join(SCENARIOS, file));
      for (const mode of ['ios', 'agent'] as FailoverMode[]) {
        const r = await runFailover({ scenario, mode, speed: SPEED, workDir: work });
        const p = `failover.${scenario.name}.${mode}`;
        yield { metric: `${p}.timeToWorkingPathSec`, value: round(r.timeToWorkingPathSec, 1), unit: 's' };
        yield { metric: `${p}.pathChanges`, value: r.pathChanges, unit: 'changes' };
        yield { metric: `${p}.degradedSec`, value: r.degradedSec, unit: 's' };
        latencies.push(...r.decisionLatenciesMs);
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const sorted = latencies.sort((a, b) => a - b);
  const q = (x: number) => sorted[Math.min(sorted.length - 1, Math.floor(x * sorted.length))] ?? NaN;
  yield { metric: 'decision.latency.p50Ms', value: round(q(0.5), 3), unit: 'ms' };
  yield { metric: 'decision.latency.p99Ms', value: round(q(0.99), 3), unit: 'ms' };
  yield { metric: 'decision.latency.samples', value: sorted.length, unit: 'decisions' };
}
