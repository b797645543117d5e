/**
 * One process of the failover bench's pool: plays the (scenario, arm, seed)
 * jobs its parent sends, one at a time, and answers each with its figures.
 */
import { runArm } from '../../lab/harness/arm-run.js';
import { armByName, TUNED_VARIANTS } from '../../lab/harness/arms.js';
import { loadScenario } from '../../lab/scenario/load.js';
import type { FailoverJob, FailoverJobResult } from './failover-pool.js';

process.on('message', (job: FailoverJob) => {
  void (async () => {
    try {
      const scenario = await loadScenario(job.scenarioFile);
      const { run: _run, decisions: _d, ...figures } = await runArm({ scenario, arm: armByName(job.arm, TUNED_VARIANTS), seed: job.seed, workDir: job.workDir });
      process.send!({ id: job.id, figures } satisfies FailoverJobResult);
    } catch (err) {
      process.send!({ id: job.id, error: (err as Error).stack ?? String(err) } satisfies FailoverJobResult);
    }
  })();
});
