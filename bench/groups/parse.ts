import { monitorEventLoopDelay } from 'node:perf_hooks';
import { COMMANDS, parseCommandOutput } from '../../agent/parsers/registry.js';
import { ParsePool } from '../../agent/parsers/pool/parse-pool.js';
import { garbageLines } from '../../test/support/garbage.js';
import { seededRandom } from '../../test/support/random.js';
import { median, round, type Metric } from '../metric.js';
import { generateRouteTable } from '../support/route-table.js';

function timeMs(run: () => void, repeats: number): number {
  run(); // warm-up: JIT and regex compilation
  const samples: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    run();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

export async function* parseBench(): AsyncIterable<Metric> {
  const table = generateRouteTable(100_000);
  const lineCount = table.split('\n').length;
  const check = parseCommandOutput('show ip route', table);
  if (check.records.length < 100_000 || check.warnings.length > 0) {
    throw new Error(`generated table parsed to ${check.records.length} routes, ${check.warnings.length} warnings`);
  }
  const routeMs = timeMs(() => parseCommandOutput('show ip route', table), 7);
  yield { metric: 'parse.showIpRoute.100k.ms', value: round(routeMs), unit: 'ms' };
  yield { metric: 'parse.showIpRoute.linesPerSec', value: Math.round(lineCount / (routeMs / 1000)), unit: 'lines/s' };

  // 1 MB of garbage through every parser; the figure is the slowest parser.
  const rand = seededRandom(7);
  let garbage = '';
  while (garbage.length < 1 << 20) garbage += garbageLines(rand, 2000, table.split('\n', 200)) + '\n';
  garbage = garbage.slice(0, 1 << 20);
  let worst = 0;
  for (const spec of COMMANDS)
    worst = Math.max(
      worst,
      timeMs(() => spec.parse(garbage, {}), 3),
    );
  yield { metric: 'parse.garbage1MB.ms', value: round(worst), unit: 'ms' };

  // The main loop's worst delay while the pool parses the 100k table.
  const pool = new ParsePool({ size: 1 });
  await pool.parse('show ip route', table); // start the worker outside the measurement
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const ticker = setInterval(() => undefined, 1);
  for (let i = 0; i < 3; i++) await pool.parse('show ip route', table);
  clearInterval(ticker);
  histogram.disable();
  await pool.close();
  yield { metric: 'parse.pool.eventLoopMaxDelayMs', value: round(histogram.max / 1e6), unit: 'ms' };
}
