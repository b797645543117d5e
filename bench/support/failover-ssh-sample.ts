import { fileURLToPath } from 'node:url';
import { runArm } from '../../lab/harness/arm-run.js';
import { armByName } from '../../lab/harness/arms.js';
import { runFailover } from '../../lab/harness/failover-run.js';
import { loadScenario } from '../../lab/scenario/load.js';
import { median, round, type Metric } from '../metric.js';

const SCENARIOS = fileURLToPath(new URL('../../lab/scenarios/', import.meta.url));
const SAMPLE = { scenarios: ['hub1-dies', 'brownout'], seeds: [1, 2, 3], speed: 20 };

/**
 * The agent arm over real SSH, syslog over UDP, at a scaled clock, for a few
 * seeds of two scenarios, beside the same seeds on the manual clock: the
 * bench's in-process runs stand for the real thing only if these agree.
 * (A scaled clock is not exact: host timing moves draws, so only medians compare.)
 */
export async function* sshSample(workDir: string): AsyncIterable<Metric> {
  const arm = armByName('agent');
  for (const name of SAMPLE.scenarios) {
    const base = await loadScenario(`${SCENARIOS}${name}.yaml`);
    const ssh: number[] = [];
    const manual: number[] = [];
    for (const seed of SAMPLE.seeds) {
      const scenario = { ...base, seed };
      const overSsh = await runFailover({ scenario, mode: 'agent', arm, speed: SAMPLE.speed, workDir });
      const inProcess = await runArm({ scenario, arm, seed, workDir });
      ssh.push(overSsh.timeToWorkingPathSec ?? base.durationSec);
      manual.push(inProcess.timeToWorkingPathSec ?? base.durationSec);
    }
    const p = `failover.sshSample.${name}.agent.timeToWorkingPathSec`;
    yield { metric: `${p}.overSshMedian`, value: round(median(ssh), 1), unit: 's' };
    yield { metric: `${p}.manualClockMedian`, value: round(median(manual), 1), unit: 's' };
  }
}
