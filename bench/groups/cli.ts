import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { median, round, type Metric } from '../metric.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = `${ROOT}bin/spokepilot.mjs`;
const RUNS = 15;

/**
 * Wall time of whole commands through the development entry (tsx), as a
 * newcomer types them; bare `node -e 0` is the floor they stand on.
 */
function wallMs(args: string[]): number[] {
  const samples: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const t0 = performance.now();
    execFileSync(process.execPath, args, { stdio: 'ignore' });
    if (i > 0) samples.push(performance.now() - t0); // the first run warms the file cache
  }
  return samples.sort((a, b) => a - b);
}

function* stats(name: string, samples: number[]): Iterable<Metric> {
  yield { metric: `${name}.median`, value: round(median(samples)), unit: 'ms' };
  yield { metric: `${name}.p95`, value: round(samples[Math.min(samples.length - 1, Math.ceil(samples.length * 0.95) - 1)]!), unit: 'ms' };
  yield { metric: `${name}.max`, value: round(samples.at(-1)!), unit: 'ms' };
}

export function* cliBench(): Iterable<Metric> {
  const floor = wallMs(['-e', '0']);
  yield* stats('cli.nodeFloorMs', floor);
  const help = wallMs([BIN, '--help']);
  yield* stats('cli.helpMs', help);
  yield* stats('cli.versionMs', wallMs([BIN, '--version']));
  yield { metric: 'cli.helpOverNodeFloor.ratio', value: round(median(help) / median(floor)), unit: 'ratio' };
}
