/**
 * One process of the failover bench's pool: plays the (scenario, arm, seed)
 * jobs its parent sends, one at a time, and answers each with its figures.
 */
import { runArm } from '../../lab/harness/arm-run.js';
import { ARMS, armByName, CLASS_ARMS, SPENT_BUDGET_ARMS, TUNED_VARIANTS } from '../../lab/harness/arms.js';
import { loadScenario } from '../../lab/scenario/load.js';
import type { FailoverJob, FailoverJobResult } from './failover-pool.js';

/** Every arm a job may name: the variants, and issue 19's arms not already among the three. */
const EXTRA_ARMS = [...TUNED_VARIANTS, ...[...CLASS_ARMS, ...SPENT_BUDGET_ARMS].filter((a) => !ARMS.some((b) => b.name === a.name))];

process.on('message', (job: FailoverJob) => {
  void (async () => {
    try {
      const scenario = await loadScenario(job.scenarioFile);
      const {
        run: _run,
        decisions: _d,
        ...figures
      } = await runArm({ scenario, arm: armByName(job.arm, EXTRA_ARMS), seed: job.seed, workDir: job.workDir });
      process.send!({ id: job.id, figures } satisfies FailoverJobResult);
    } catch (err) {
      process.send!({ id: job.id, error: (err as Error).stack ?? String(err) } satisfies FailoverJobResult);
    }
  })();
});
