import type { PathFigures } from '../../lab/harness/path-meter.js';
import { distribution } from './distribution.js';
import { round, type Metric } from '../metric.js';

type NumericMetric =
  | 'timeToWorkingPathSec'
  | 'degradedSec'
  | 'outages'
  | 'pathChanges'
  | 'falseSwitches'
  | 'offPreferredAfterFaultSec'
  | 'meteredBytes'
  | 'reactionSec';
const METRICS: Record<NumericMetric, string> = {
  timeToWorkingPathSec: 's',
  degradedSec: 's',
  outages: 'outages',
  pathChanges: 'changes',
  falseSwitches: 'switches',
  offPreferredAfterFaultSec: 's',
  meteredBytes: 'bytes',
  reactionSec: 's',
};

/**
 * One arm's runs of one scenario: median, p95 and max of each figure over the runs that
 * have it, how many never got back to a working path, and per class of the scenario the
 * seconds its traffic spent outside its level (`classNoncompliantSec.<class>`) and how far
 * over it was then, on average (`classExcessMean.<class>`, a ratio to the level).
 */
export function* armFigures(prefix: string, runs: readonly PathFigures[]): Iterable<Metric> {
  yield { metric: `${prefix}.neverRecoveredRuns`, value: runs.filter((r) => r.neverRecovered).length, unit: 'runs' };
  const series: [string, number[], string][] = (Object.entries(METRICS) as [NumericMetric, string][]).map(([metric, unit]) => [
    metric,
    runs.flatMap((r) => (r[metric] === undefined ? [] : [r[metric]])),
    unit,
  ]);
  for (const name of Object.keys(runs[0]?.classNoncompliantSec ?? {})) {
    series.push([`classNoncompliantSec.${name}`, runs.map((r) => r.classNoncompliantSec?.[name] ?? 0), 's']);
    series.push([`classExcessMean.${name}`, runs.map((r) => r.classExcessMean?.[name] ?? 0), 'ratio']);
  }
  for (const [metric, values, unit] of series) {
    const d = distribution(values);
    if (!d) continue;
    for (const stat of ['median', 'p95', 'max'] as const)
      yield { metric: `${prefix}.${metric}.${stat}`, value: round(d[stat], unit === 'ratio' ? 2 : 1), unit };
    // Figures that exist only for some runs (a reaction, a recovery) say over how many.
    if (values.length < runs.length) yield { metric: `${prefix}.${metric}.runs`, value: values.length, unit: 'runs' };
  }
}
