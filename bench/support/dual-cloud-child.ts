/**
 * One process of the dual-cloud bench's pool (bench/support/failover-pool.ts):
 * plays the (scenario, arm, seed) jobs its parent sends, one at a time, and
 * answers each with its figures.
 */
import { runDualCloudArm, type DualCloudArm, type DualCloudFigures } from '../../lab/harness/dual-cloud-run.js';
import { loadScenario } from '../../lab/scenario/load.js';

export interface DualCloudJob {
  scenarioFile: string;
  arm: DualCloudArm;
  seed: number;
  workDir: string;
}

export type DualCloudJobResult = { id: number; figures: DualCloudFigures } | { id: number; error: string };

process.on('message', (job: DualCloudJob & { id: number }) => {
  void (async () => {
    try {
      const scenario = await loadScenario(job.scenarioFile);
      const figures = await runDualCloudArm({ scenario, arm: job.arm, seed: job.seed, workDir: job.workDir });
      process.send!({ id: job.id, figures } satisfies DualCloudJobResult);
    } catch (err) {
      process.send!({ id: job.id, error: (err as Error).stack ?? String(err) } satisfies DualCloudJobResult);
    }
  })();
});
