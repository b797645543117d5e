import { join } from 'node:path';
import { runDualCloudAgentOverSsh } from '../../lab/harness/dual-cloud-ssh-run.js';
import type { DualCloudFigures } from '../../lab/harness/dual-cloud-run.js';
import { loadScenario } from '../../lab/scenario/load.js';
import { median, round, type Metric } from '../metric.js';

const SAMPLE = { scenarios: ['dual-cloud-hub1-brownout', 'dual-cloud-hub1-dies'], seeds: [1, 2, 3], speed: 20 };

/**
 * The dual-cloud agent arm over real SSH at a scaled clock for a few seeds of
 * two scenarios (lab/harness/dual-cloud-ssh-run.ts), beside the same seeds'
 * manual-clock runs (`inProcess`, from the bench's pool): the in-process
 * figures stand for the real thing only if the two agree. Medians only: a
 * scaled clock moves the draws with the host's timing.
 */
export async function* dualCloudSshSample(
  scenarioDir: string,
  workDir: string,
  inProcess: readonly DualCloudFigures[],
): AsyncIterable<Metric> {
  for (const name of SAMPLE.scenarios) {
    const scenario = await loadScenario(join(scenarioDir, `${name}.yaml`));
    const ssh: DualCloudFigures[] = [];
    for (const seed of SAMPLE.seeds) ssh.push(await runDualCloudAgentOverSsh({ scenario, seed, speed: SAMPLE.speed, workDir }));
    const manual = inProcess.filter((r) => r.scenario === name && r.arm === 'agent' && SAMPLE.seeds.includes(r.seed));
    for (const figure of ['outboundDegradedSec', 'returnDegradedSec'] as const) {
      const p = `dualCloud.sshSample.${name}.agent.${figure}`;
      yield { metric: `${p}.overSshMedian`, value: round(median(ssh.map((r) => r[figure])), 1), unit: 's' };
      yield { metric: `${p}.manualClockMedian`, value: round(median(manual.map((r) => r[figure])), 1), unit: 's' };
    }
  }
}
